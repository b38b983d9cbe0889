#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The checks of `make check-deb`, inside the booted Debian system, run by
# c2a-check.service at each boot (tests/deb/run installs both). Which boot
# this is is kept in /var/lib/c2a-check/boot:
#   1  the packages as apt installed them: module built by DKMS and loaded
#      by systemd-modules-load, c2auditd.service active, the rules.d (the
#      package's files and tests/deb/run's: both grammars, uprobe, lock)
#      applied whole, Linux audit's messages read; c2audit-forward.service
#      disabled as shipped; reload (log_group, an output); the forwarder
#      enabled, unprivileged, its file output getting records; a refused
#      `systemctl stop`, a SIGTERM stop that seals (the forwarder sends
#      the seal), verify; then reboot
#   2  after the reboot: the trail goes on (verify across the boots, every
#      id of each boot, Linux audit's messages of this boot); the
#      forwarder runs again; the fail-closed drop-in installed; power off
#   -  booted with the module blacklisted (tests/deb/run): the script does
#      nothing; c2auditd fails, and once its restarts are used up
#      StartLimitAction= (fail-closed.conf) powers the host off
#   3  the boot before failed so; apt purge: all but the trail (and the
#      group c2audit its files may belong to) goes; power off
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
# The module's records of FILES... (512 bytes each): those of c2auditd's
# stream of Linux audit's messages (hdr.cpu 0xffff, at offset 8) left
# out, since that stream starts again at 1 with each start of c2auditd.
module_records() {
	trailcat "$@" | perl -e 'binmode STDIN; binmode STDOUT; $/ = \512;
		while (<STDIN>) { print unless unpack("x8 V", $_) == 0xffff }'
}
# Every CPU's ids of the module's records in FILES..., from 1 on, without
# a gap.
ids_complete() {
	module_records "$@" >"$state/r.bin" || return 1
	reccheck ids "$state/r.bin" >"$state/ids.txt" || { cat "$state/ids.txt"; return 1; }
	cat "$state/ids.txt"
	grep -q '^cpu' "$state/ids.txt" && ! grep -v '^cpu[0-9]*: ids 1\.\.' "$state/ids.txt"
}
# Linux audit's messages in FILES... (one run of c2auditd): ids 1..N.
user_ids() {
	trailcat "$@" >"$state/u.bin" || return 1
	reccheck ids "$state/u.bin" >"$state/uids.txt" || { cat "$state/uids.txt"; return 1; }
	cat "$state/uids.txt"
	grep -q '^user: ids 1\.\.' "$state/uids.txt"
}
# Waits up to $2 seconds for the shell command $1 to succeed.
wait_for() {
	i=0
	while ! sh -c "$1" && [ $i -lt "$2" ]; do
		sleep 1
		i=$((i + 1))
	done
	sh -c "$1"
}
# c2audit-forward.service's main process: no uid 0, no capability, no new
# privileges, in the group c2audit (log_group).
unprivileged() {
	pid=$(systemctl show -p MainPID --value c2audit-forward.service)
	[ "${pid:-0}" -gt 0 ] || { echo "no main process"; return 1; }
	st=/proc/$pid/status
	grep -E '^(Uid|Gid|Groups|CapPrm|CapEff|CapAmb|NoNewPrivs):' "$st"
	gid=$(getent group c2audit | cut -d: -f3)
	awk '/^Uid:/ { for (i = 2; i <= 5; i++) if ($i == 0) exit 1 }' "$st" &&
		grep -Eq '^CapEff:[[:space:]]+0+$' "$st" &&
		grep -Eq '^CapPrm:[[:space:]]+0+$' "$st" &&
		grep -Eq '^NoNewPrivs:[[:space:]]+1$' "$st" &&
		grep '^Groups:' "$st" | tr -s ' \t' '\n\n' | grep -qx "$gid"
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
	# The rules.d whole: the package's files and the two of tests/deb/run.
	check rules-loaded sh -c "journalctl -b -o cat -u c2auditd.service |
		grep -E '^(c2auditd: )?[0-9]+ rules loaded from /etc/c2audit/rules.d; configuration locked\$'"
	n=$(journalctl -b -o cat -u c2auditd.service |
		sed -n 's|^\(c2auditd: \)\{0,1\}\([0-9]*\) rules loaded from /etc/c2audit/rules.d.*|\2|p' | tail -n 1)
	c2audit rules list >"$state/rules.txt" 2>&1
	check rules-all sh -c "[ \$(grep -c '^\(audit\|exclude\) ' $state/rules.txt) = '${n:-none}' ]"
	check rules-native grep -q 'path=/etc/c2a-check.txt.*key=probe$' "$state/rules.txt"
	check rules-auditctl grep -q 'file=/etc/c2a-check-w.txt.*key=probe-w$' "$state/rules.txt"
	check rules-package grep -q 'key=identity-files$' "$state/rules.txt"
	check rules-uprobe grep -q '^uprobe .*libcrypto.so.3 EVP_EncryptInit_ex' "$state/rules.txt"
	check locked sh -c "c2audit status | grep -q '^locked: *yes'"
	check lock-refuses sh -c "! c2audit rules flush"
	check kernel-audit-own sh -c "journalctl -b -o cat -u c2auditd.service |
		grep -Eq '^(c2auditd: )?kernel audit: reading as the audit daemon \(kernel_audit = auto\)'"
	# Events the rules select: a read of the probe file, a write of the
	# watched one, a uprobe hit.
	cat /etc/c2a-check.txt >/dev/null
	echo w >>/etc/c2a-check-w.txt
	mkdir -p /tmp/rs && echo data >/tmp/rs/a && echo data >/tmp/rs/b
	ransim -n 2 /tmp/rs >/dev/null 2>&1 || true

	# c2audit-forward as shipped: disabled, nothing to forward yet.
	check forward-shipped-disabled sh -c "! systemctl -q is-enabled c2audit-forward.service &&
		! systemctl -q is-active c2audit-forward.service"
	check group-c2audit getent group c2audit

	# reload: the configuration is read again; as an admin sets outputs
	# up (c2audit-forward(8)): log_group, an [output] section.
	n0=$(journalctl -b -o cat -u c2auditd.service | grep -c 'configuration reloaded')
	sed -i -e 's/^max_log_file = .*/max_log_file = 16/' \
		-e 's/^# log_group = c2audit$/log_group = c2audit/' /etc/c2audit/c2auditd.conf
	printf '%s\n' '' '[output check]' 'type = file' \
		'path = /var/log/c2audit-forward/events.json' >>/etc/c2audit/c2auditd.conf
	check forward-conf-ok c2audit-forward -n
	systemctl reload c2auditd.service
	sleep 2
	n1=$(journalctl -b -o cat -u c2auditd.service | grep -c 'configuration reloaded')
	check reload test "$n1" -gt "$n0"
	check active-after-reload active c2auditd.service
	check log-group sh -c "stat -c '%a %G' $log | grep -qx '2750 c2audit' &&
		! find $log -name 'trail-*.c2a' ! -perm 0640 | grep -q ."

	# The forwarder, enabled: unprivileged, its output gets the trail.
	systemctl enable --now c2audit-forward.service
	check forward-active wait_for "systemctl -q is-active c2audit-forward.service" 20
	check forward-unprivileged unprivileged
	ev=/var/log/c2audit-forward/events.json
	check forward-output wait_for "grep -q 'c2a-check.txt' $ev" 60
	check forward-output-watch wait_for "grep -q 'probe-w' $ev" 30
	# Linux audit's messages: systemd's for the start just made.
	check kernel-audit-message wait_for "c2audit report --msgtype SERVICE_START |
		grep -q 'unit=c2audit-forward'" 30

	# stop: refused as auditd's; SIGTERM drains and seals.
	check stop-refused sh -c "! systemctl stop c2auditd.service"
	systemctl kill -s TERM c2auditd.service
	check stopped-by-term wait_for "[ \$(systemctl is-active c2auditd.service) = inactive ]" 40
	check stop-sealed sh -c "journalctl -b -o cat -u c2auditd.service | grep -q '^stopped:'"
	check verify c2audit verify
	check report-probe sh -c "c2audit report --key probe | grep -q 'path=/etc/c2a-check.txt'"
	check report-watch sh -c "c2audit report --key probe-w | grep -q 'path=/etc/c2a-check-w.txt'"
	check report-uprobe sh -c "c2audit report --type uprobe | grep -q 'function=EVP_EncryptInit_ex'"
	# The stop's seal reaches the output; the forwarder waits for more.
	check forward-seal wait_for "grep -q '\"type\":\"seal\".*\"reason\":\"stop\"' $ev" 30
	check forward-waits active c2audit-forward.service
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
	# shellcheck disable=SC2046 # this boot's one run of c2auditd
	check user-ids-boot2 user_ids $(grep -vxFf "$state/boot1.files" "$state/all.files")
	check forward-active-boot2 active c2audit-forward.service
	check forward-unprivileged-boot2 unprivileged
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
	for f in /usr/sbin/c2audit /usr/sbin/c2auditd /usr/sbin/c2audit-forward \
		/lib/systemd/system/c2auditd.service /lib/systemd/system/c2audit-forward.service \
		/var/lib/c2audit-forward /var/lib/private/c2audit-forward \
		/var/log/c2audit-forward /var/log/private/c2audit-forward \
		/usr/lib/modules-load.d/c2audit.conf \
		/etc/modprobe.d/c2audit.conf /etc/default/c2audit-dkms \
		/etc/kernel/postinst.d/zz-c2audit /etc/kernel/header_postinst.d/zz-c2audit \
		/usr/src/c2audit-* /var/lib/dkms/c2audit \
		/lib/modules/*/updates/dkms/c2audit.ko*; do
		check "gone:$f" test ! -e "$f"
	done
	# Of /etc/c2audit only what the admin added (tests/deb/run's rules)
	# stays, as dpkg leaves a directory with files not its own.
	check etc-purged sh -c "find /etc/c2audit -type f | sort | tr '\n' ' ' |
		grep -qx '/etc/c2audit/rules.d/05-check.rules /etc/c2audit/rules.d/06-check-auditctl.rules '"
	check trail-kept sh -c "ls $log/trail-*.c2a >/dev/null"
	finish poweroff
	;;
*)
	bad boot "unexpected boot $boot"
	finish poweroff
	;;
esac
