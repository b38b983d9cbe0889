#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The checks of `make check-deb`, inside the booted Debian system, run by
# c2a-check.service at each boot (tests/deb/run installs both). Which boot
# this is is kept in /var/lib/c2a-check/boot:
#   1  the packages as apt installed them: module built by DKMS and loaded
#      by systemd-modules-load, c2auditd.service active, the rules file
#      (uprobe and lock lines) applied whole, reload, a refused
#      `systemctl stop`, a SIGTERM stop that seals, verify; then reboot
#   2  after the reboot: the trail goes on (verify across the boots, every
#      id of each boot); the fail-closed drop-in installed; power off
#   -  booted with the module blacklisted (tests/deb/run): the script does
#      nothing; c2auditd fails, and once its restarts are used up
#      StartLimitAction= (fail-closed.conf) powers the host off
#   3  the boot before failed so; apt purge: all but the trail goes; power
#      off
# Each check prints "C2A-DEB: ok NAME" or "C2A-DEB: FAIL NAME: why" on the
# console; "C2A-DEB: boot N done" ends a boot's checks.
set -u

state=/var/lib/c2a-check
log=/var/log/c2audit
mkdir -p "$state"
# The boot with the module blacklisted is c2auditd's to end.
grep -qw 'module_blacklist=c2audit' /proc/cmdline && exit 0
boot=$(( $(cat "$state/boot" 2>/dev/null || echo 0) + 1 ))
echo "$boot" >"$state/boot"
failed=0

ok() { echo "C2A-DEB: ok $1"; }
bad() { echo "C2A-DEB: FAIL $1: $2"; failed=1; }
check() { # NAME COMMAND...: ok when COMMAND succeeds
	name=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		bad "$name" "$(echo "$out" | tail -n 5 | tr '\n' '|')"
	fi
}
active() { [ "$(systemctl is-active "$1")" = active ]; }
# Waits up to $2 seconds for c2auditd.service to be in state $1.
wait_state() {
	i=0
	while [ "$(systemctl is-active c2auditd.service)" != "$1" ] && [ $i -lt "$2" ]; do
		sleep 1
		i=$((i + 1))
	done
	[ "$(systemctl is-active c2auditd.service)" = "$1" ]
}
# Every CPU's ids of the records in FILES..., from 1 on, without a gap.
ids_complete() {
	trailcat "$@" >"$state/r.bin" || return 1
	reccheck ids "$state/r.bin" >"$state/ids.txt" || { cat "$state/ids.txt"; return 1; }
	cat "$state/ids.txt"
	! grep -v '^cpu[0-9]*: ids 1\.\.' "$state/ids.txt"
}
finish() {
	echo "C2A-DEB: boot $boot done (failed=$failed)"
	sync
	case "$1" in
	reboot) systemctl reboot ;;
	poweroff) systemctl poweroff ;;
	esac
	exit 0
}

kver=$(uname -r)
case $boot in
1)
	check dkms-built sh -c "dkms status -m c2audit -k $kver | grep -q ': installed'"
	check module-from-dkms sh -c "modinfo -n c2audit | grep -q '/updates/dkms/c2audit.ko'"
	# By identifier: the unit's messages may be logged after it finished,
	# when journald can no longer tell a process's unit.
	check modules-load sh -c "journalctl -b -o cat -t systemd-modules-load |
		grep -q \"Inserted module 'c2audit'\""
	check c2auditd-active active c2auditd.service
	check c2auditd-enabled systemctl -q is-enabled c2auditd.service
	echo "C2A-DEB: info $(systemd-analyze security c2auditd.service 2>&1 | tail -n 1)"
	check rules-loaded sh -c "journalctl -b -o cat -u c2auditd.service | grep 'rules loaded from /etc/c2audit/rules.conf'"
	check rules-uprobe sh -c "c2audit rules list | grep -q '^uprobe .*libcrypto.so.3 EVP_EncryptInit_ex'"
	check rules-audit sh -c "[ \$(c2audit rules list | grep -c '^audit') = 3 ]"
	check locked sh -c "c2audit status | grep -q '^locked: *yes'"
	check lock-refuses sh -c "! c2audit rules flush"
	# Events the rules select: a read of the probe file, a uprobe hit.
	cat /etc/c2a-check.txt >/dev/null
	mkdir -p /tmp/rs && echo data >/tmp/rs/a && echo data >/tmp/rs/b
	ransim -n 2 /tmp/rs >/dev/null 2>&1 || true

	# reload: the configuration is read again.
	n0=$(journalctl -b -o cat -u c2auditd.service | grep -c 'configuration reloaded')
	sed -i 's/^max_log_file = .*/max_log_file = 16/' /etc/c2audit/c2auditd.conf
	systemctl reload c2auditd.service
	sleep 2
	n1=$(journalctl -b -o cat -u c2auditd.service | grep -c 'configuration reloaded')
	check reload test "$n1" -gt "$n0"
	check active-after-reload active c2auditd.service

	# stop: refused as auditd's; SIGTERM drains and seals.
	check stop-refused sh -c "! systemctl stop c2auditd.service"
	systemctl kill -s TERM c2auditd.service
	check stopped-by-term wait_state inactive 40
	check stop-sealed sh -c "journalctl -b -o cat -u c2auditd.service | grep -q '^stopped:'"
	check verify c2audit verify
	check report-probe sh -c "c2audit report --key probe | grep -q 'path=/etc/c2a-check.txt'"
	check report-uprobe sh -c "c2audit report --type uprobe | grep -q 'function=EVP_EncryptInit_ex'"
	systemctl start c2auditd.service
	check restarted active c2auditd.service
	# The files this boot writes (the last one until shutdown).
	ls "$log"/trail-*.c2a >"$state/boot1.files"
	finish reboot
	;;
2)
	check c2auditd-active active c2auditd.service
	check locked-again sh -c "c2audit status | grep -q '^locked: *yes'"
	ls "$log"/trail-*.c2a >"$state/all.files"
	check verify-across-boots c2audit verify
	# shellcheck disable=SC2046 # file lists
	check ids-boot1 ids_complete $(cat "$state/boot1.files")
	# shellcheck disable=SC2046
	check ids-boot2 ids_complete $(grep -vxFf "$state/boot1.files" "$state/all.files")
	mkdir -p /etc/systemd/system/c2auditd.service.d
	cp /usr/share/doc/c2audit/examples/fail-closed.conf \
		/etc/systemd/system/c2auditd.service.d/
	systemctl daemon-reload
	check start-limit-action sh -c "systemctl show -p StartLimitAction c2auditd.service | grep -qx StartLimitAction=poweroff"
	finish poweroff
	;;
3)
	# Booted with the module (tests/deb/run): the blacklisted boot did not
	# get here, and its journal says why it stopped.
	check previous-boot-failed sh -c "journalctl -b -1 -o cat -u c2auditd.service | grep -q 'Failed with result'"
	check previous-boot-start-limit sh -c "journalctl -b -1 -o cat -u c2auditd.service | grep -q 'Start request repeated too quickly'"
	rm /etc/systemd/system/c2auditd.service.d/fail-closed.conf
	systemctl daemon-reload
	check purge sh -c "DEBIAN_FRONTEND=noninteractive apt-get purge -y c2audit c2audit-dkms"
	check purged-packages sh -c "! dpkg -l c2audit c2audit-dkms 2>/dev/null | grep -q '^[ri]'"
	for f in /usr/sbin/c2audit /usr/sbin/c2auditd /etc/c2audit \
		/lib/systemd/system/c2auditd.service /usr/lib/modules-load.d/c2audit.conf \
		/etc/modprobe.d/c2audit.conf /etc/default/c2audit-dkms \
		/etc/kernel/postinst.d/zz-c2audit /etc/kernel/header_postinst.d/zz-c2audit \
		/usr/src/c2audit-* /var/lib/dkms/c2audit \
		/lib/modules/*/updates/dkms/c2audit.ko*; do
		check "gone:$f" test ! -e "$f"
	done
	check trail-kept sh -c "ls $log/trail-*.c2a >/dev/null"
	finish poweroff
	;;
*)
	bad boot "unexpected boot $boot"
	finish poweroff
	;;
esac
