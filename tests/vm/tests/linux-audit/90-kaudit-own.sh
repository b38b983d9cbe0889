# vm-timeout: 400
# c2auditd as the host's audit daemon (kernel_audit = own): it registers
# with the kernel's audit, enables it with -a never,task, and the messages
# of auditctl -m, of a changed loginuid (LOGIN), of a crash (ANOM_ABEND),
# and of su (PAM, pam_unix) with a good and a bad password reach the trail
# with their type, fields, pid and auid, hash-chained and verified; none
# goes to the kernel's log. report, --json and the filters show them.
. /tests/lib.sh
. /tests/kauditlib.sh
need auditctl su runas
trap 'users_cleanup; cleanup' EXIT
users_setup
load_module
kaudit_start own
auditctl -s >status.txt
grep -q "^enabled 1" status.txt || { cat status.txt; fail "the kernel's audit is not enabled"; }
grep -q "^pid $AUDITD_PID\$" status.txt || { cat status.txt; fail "c2auditd is not the kernel's audit daemon"; }
auditctl -l >rules.txt
grep -q "^-a never,task" rules.txt || { cat rules.txt; fail "no -a never,task rule"; }

# A login session of alice's (auid 1000) for each program: the kernel says
# LOGIN when the loginuid is set.
as_alice='echo 1000 >/proc/self/loginuid; exec "$0" "$@"'

pid_run m.pid sh -c "$as_alice" auditctl -m c2a-hello || fail "auditctl -m"
pid_run segv.pid sh -c "$as_alice" sh -c 'kill -SEGV $$' && fail "the shell did not crash"
echo "$PW" | pid_run su.pid sh -c "$as_alice" runas 1000 1000 su -c true root ||
	fail "su with the good password failed"
echo "$BADPW" | pid_run subad.pid sh -c "$as_alice" runas 1000 1000 su -c true root &&
	fail "su took a bad password"
trail_bin

p=$(cat m.pid)
expect_msg LOGIN pid=$p auid=1000 old-auid=4294967295 res=1
expect_msg USER pid=$p uid=0 auid=1000 text=c2a-hello exe=/bin/auditctl res=success success=yes
p=$(cat segv.pid)
expect_msg ANOM_ABEND pid=$p auid=1000 uid=0 sig=11 comm=sh exe=/bin/busybox
p=$(cat su.pid)
for t in USER_AUTH USER_ACCT CRED_ACQ USER_START USER_END CRED_DISP; do
	expect_msg $t pid=$p uid=1000 auid=1000 acct=root exe=/bin/su res=success
done
expect_msg USER_AUTH pid=$p op=PAM:authentication
expect_msg USER_START pid=$p op=PAM:session_open
p=$(cat subad.pid)
expect_msg USER_AUTH pid=$p uid=1000 auid=1000 acct=root exe=/bin/su op=PAM:authentication res=failed success=no
expect_none r.bin type=user pid=$p msgtype=USER_START

reccheck ids r.bin | tee ids.txt || fail "the ids of the trail's streams"
grep -q '^user: ids 1\.\.' ids.txt || fail "no user stream in the trail"
[ "$(lost_in ids.txt)" = 0 ] || fail "messages lost"

# The review: report's filters, JSON, and the trail as c2auditd keeps it.
c2audit report --conf auditd.conf --type user --msgtype USER_AUTH --failure >auth.txt ||
	fail "report --msgtype"
[ "$(wc -l <auth.txt)" = 1 ] || { cat auth.txt; fail "report --msgtype USER_AUTH --failure: not one"; }
grep -q "pid=$p " auth.txt || fail "report shows another failure"
c2audit report --conf auditd.conf --json --msgtype ANOM_ABEND >abend.json
grep -q '"msgtype":"ANOM_ABEND","msgtype_nr":1701,' abend.json || { cat abend.json; fail "JSON of ANOM_ABEND"; }
grep -q '"sig":11' abend.json || fail "JSON: sig"
c2audit report --conf auditd.conf --type user --exe /bin/su --auid 1000 >su.txt
[ "$(wc -l <su.txt)" -ge 7 ] || { cat su.txt; fail "report --exe /bin/su"; }
c2audit report --conf auditd.conf --msgtype NO_SUCH >/dev/null 2>err.txt && fail "a bad --msgtype was taken"
grep -q "'NO_SUCH'" err.txt || fail "the error does not quote the bad type"

# Stopped, c2auditd is no longer the kernel's audit daemon.
auditctl -s | grep -q "^pid 0$" || fail "c2auditd stayed registered"
