# vm-timeout: 500
# c2auditd beside Debian's auditd (kernel_audit = auto finds it and reads
# read-only, through the AUDIT_NLGRP_READLOG group): every message auditd
# logs while both run (su and sudo with good and bad passwords, a crash,
# auditctl -m) is in the trail too, the same type and serial, text for
# text; auditd stays the kernel's audit daemon; nothing goes to the
# kernel's log.
. /tests/lib.sh
. /tests/kauditlib.sh
need auditd auditctl su sudo runas
LINUX_AUDITD=""
stop_linux_auditd() {
	[ -n "$LINUX_AUDITD" ] || return 0
	kill "$LINUX_AUDITD" 2>/dev/null || true
	wait "$LINUX_AUDITD" 2>/dev/null || true
	LINUX_AUDITD=""
}
trap 'stop_linux_auditd; rm -rf /etc/audit; users_cleanup; cleanup' EXIT
users_setup

mkdir -p /etc/audit/plugins.d /var/run "$PWD/alog"
cat >/etc/audit/auditd.conf <<EOC
local_events = yes
write_logs = yes
log_file = $PWD/alog/audit.log
log_group = root
log_format = RAW
flush = INCREMENTAL_ASYNC
freq = 1
max_log_file = 100
num_logs = 2
priority_boost = 0
name_format = NONE
max_log_file_action = IGNORE
space_left = 2
space_left_action = IGNORE
verify_email = no
action_mail_acct = root
admin_space_left = 1
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = IGNORE
use_libwrap = no
plugin_dir = /etc/audit/plugins.d
q_depth = 2000
overflow_action = IGNORE
max_restarts = 0
end_of_event_timeout = 2
EOC
auditd -n -s enable >linux-auditd.out 2>&1 &
LINUX_AUDITD=$!
for _ in $(seq 100); do
	auditctl -s | grep -q "^pid $LINUX_AUDITD\$" && break
	kill -0 "$LINUX_AUDITD" 2>/dev/null || { cat linux-auditd.out; fail "auditd did not start"; }
	sleep 0.1
done
auditctl -s | grep -q "^pid $LINUX_AUDITD\$" || fail "auditd did not register"
# what a site running auditd beside c2audit puts in its rules
auditctl -a never,task >/dev/null || fail "auditctl -a never,task"

load_module
kaudit_start auto
grep -q "reading beside the audit daemon" auditd.log || fail "auto did not choose beside auditd"
auditctl -m c2a-start
as_alice='echo 1000 >/proc/self/loginuid; exec "$0" "$@"'
echo "$PW" | pid_run su.pid sh -c "$as_alice" runas 1000 1000 su -c true root ||
	fail "su with the good password failed"
echo "$BADPW" | pid_run subad.pid sh -c "$as_alice" runas 1000 1000 su -c true root &&
	fail "su took a bad password"
echo "$PW" | pid_run sudo.pid sh -c "$as_alice" runas 1000 1000 sudo -S -p '' true ||
	fail "sudo with the good password failed"
echo "$BADPW" | pid_run sudobad.pid sh -c "$as_alice" runas 1000 1000 sudo -S -p '' true &&
	fail "sudo took a bad password"
pid_run segv.pid sh -c "$as_alice" sh -c 'kill -SEGV $$' && fail "the shell did not crash"
auditctl -m c2a-end
trail_bin
auditctl -s | grep -q "^pid $LINUX_AUDITD\$" || fail "auditd is no longer the audit daemon"
stop_linux_auditd

# TYPE SERIAL of each message from c2a-start to c2a-end: auditd's, ours
awk '
	{ t = $1; sub(/^type=/, "", t); s = $2; sub(/^msg=audit\([0-9.]*:/, "", s); sub(/\).*/, "", s) }
	/text=c2a-start/ { on = 1 }
	on && t !~ /^DAEMON_/ { print t, s }
	/text=c2a-end/ { on = 0 }' alog/audit.log | sort >linux.txt
c2audit report --conf auditd.conf --type user >user.txt
awk '
	{ t = ""; s = ""
	  for (i = 1; i <= NF; i++) {
		if ($i ~ /^msgtype=/) { t = $i; sub(/^msgtype=/, "", t) }
		if ($i ~ /^serial=/) { s = $i; sub(/^serial=/, "", s) }
	  } }
	/text=c2a-start/ { on = 1 }
	on { print t, s }
	/text=c2a-end/ { on = 0 }' user.txt | sort >ours.txt
n=$(wc -l <linux.txt)
[ "$n" -ge 20 ] || { cat alog/audit.log; fail "auditd logged only $n messages"; }
missing=$(awk 'NR == FNR { have[$0] = 1; next } !($0 in have)' ours.txt linux.txt)
[ -z "$missing" ] || { echo "$missing"; fail "messages auditd has and the trail does not"; }
cmp linux.txt ours.txt || fail "the trail has messages auditd does not"
echo "$n messages, the same in both"

# Text for text: sudo's USER_CMD and su's failed USER_AUTH as auditd has them
for re in "type=USER_CMD .*pid=$(cat sudo.pid) " "type=USER_AUTH .*pid=$(cat subad.pid) "; do
	line=$(grep -m1 "$re" alog/audit.log) || fail "auditd has no $re"
	expect_event r.bin type=user "raw=${line#* msg=}"
done
reccheck ids r.bin | tee ids.txt || fail "the ids of the trail's streams"
[ "$(lost_in ids.txt)" = 0 ] || fail "messages lost"
