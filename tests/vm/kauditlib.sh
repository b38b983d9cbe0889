# SPDX-License-Identifier: GPL-2.0
# Helpers of the tests of Linux audit's messages in the trail (90-93),
# sourced after lib.sh: users with passwords for PAM, c2auditd reading the
# kernel's audit, and what its trail must hold.

PW=good-Pw-7x
BADPW=wrong-Pw-7x
KLOG=/tmp/kaudit.log

# need PROG...: each is in the guest (tests/vm/run copies them from the host).
need() {
	for p in "$@"; do
		command -v "$p" >/dev/null ||
			fail "no $p in the guest: run tools/install-deps check on the host"
	done
}

# users_setup: root and alice (1000), both with password $PW, sudo for
# alice; the files of /etc that PAM, su, sudo and shadow's tools read.
users_setup() {
	need openssl su sudo
	hash=$(openssl passwd -6 "$PW")
	mkdir -p /root /home/alice /run /var/lib/sudo /var/log /etc/default
	printf 'root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000:alice:/home/alice:/bin/sh\n' >/etc/passwd
	printf 'root:x:0:\nalice:x:1000:\n' >/etc/group
	printf 'root:%s:19000:0:99999:7:::\nalice:%s:19000:0:99999:7:::\n' "$hash" "$hash" >/etc/shadow
	printf 'root:*::\nalice:!::\n' >/etc/gshadow
	chmod 600 /etc/shadow /etc/gshadow
	printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files\n' >/etc/nsswitch.conf
	printf '127.0.0.1 localhost\n' >/etc/hosts
	printf 'root ALL=(ALL) ALL\nalice ALL=(ALL) ALL\nDefaults !lecture\n' >/etc/sudoers
	chmod 440 /etc/sudoers
	chown root:root /bin/su /bin/sudo
	chmod 4755 /bin/su /bin/sudo
	# PAM's session modules read it; Debian has one
	: >/etc/environment
	: >/etc/default/locale
}

# users_cleanup: the next tests find /etc as the guest had it, and the
# kernel's audit off, without rules.
users_cleanup() {
	rm -f /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/nsswitch.conf \
	      /etc/hosts /etc/sudoers /etc/environment /etc/default/locale \
	      /etc/passwd- /etc/group- /etc/shadow- /etc/gshadow-
	auditctl -e 0 >/dev/null 2>&1 || true
	auditctl -D >/dev/null 2>&1 || true
}

# kaudit_start MODE [KEY=VALUE...]: c2auditd on ./log with
# kernel_audit = MODE, once it reads the kernel's audit.
kaudit_start() {
	mode=$1
	shift
	auditd_conf "$PWD/log" kernel_audit="$mode" "$@"
	start_auditd
	wait_log auditd.log "kernel audit: reading"
}

# trail_bin: c2auditd stopped, its trail as ./r.bin, verified; no audit
# message went to the kernel's log while it ran (its own unregistering,
# AUDIT_SET pid 0, is logged after it: there is no audit daemon then).
trail_bin() {
	sleep 0.5
	klog_clean
	stop_auditd
	c2audit verify "$PWD/log" || fail "verify found damage in the trail"
	trailcat "$PWD/log" >r.bin || fail "trailcat"
}

# expect_msg TYPE KEY=VALUE...: a user record of message type TYPE with
# those fields is in ./r.bin.
expect_msg() {
	t=$1
	shift
	expect_event r.bin type=user msgtype="$t" "$@"
}

# klog_clean: no audit message went to the kernel's log during the test.
klog_clean() {
	if dmesg | grep -E 'audit: type=|audit\([0-9]+\.[0-9]+:[0-9]+\)' >klog.txt; then
		cat klog.txt
		fail "audit messages in the kernel's log"
	fi
}

# pid_run FILE CMD...: runs CMD (exec'd) with its pid in FILE first.
pid_run() {
	f=$1
	shift
	sh -c 'echo $$ >"$0"; exec "$@"' "$f" "$@"
}
