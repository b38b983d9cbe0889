# vm-timeout: 500
# Use of privilege and account management in the trail, from Debian's own
# programs through PAM and libaudit: sudo with a good and a bad password
# (USER_AUTH, USER_ACCT, USER_CMD, CRED_REFR, USER_START, USER_END),
# useradd (ADD_USER, ADD_GROUP), passwd with matching and mismatched new
# passwords (USER_CHAUTHTOK), userdel (DEL_USER), each with its pid and
# auid; summary counts the authentications by user and terminal.
. /tests/lib.sh
. /tests/kauditlib.sh
need auditctl sudo useradd userdel passwd runas
trap 'users_cleanup; cleanup' EXIT
users_setup
load_module
kaudit_start own
as_alice='echo 1000 >/proc/self/loginuid; exec "$0" "$@"'

echo "$PW" | pid_run sudo.pid sh -c "$as_alice" runas 1000 1000 sudo -S -p '' true ||
	fail "sudo with the good password failed"
echo "$BADPW" | pid_run sudobad.pid sh -c "$as_alice" runas 1000 1000 sudo -S -p '' true &&
	fail "sudo took a bad password"
pid_run useradd.pid sh -c "$as_alice" useradd -M -u 1001 bob || fail "useradd"
# by path: busybox's shell runs its own applet of the name otherwise
printf 'Xk9-tq2!vw\nXk9-tq2!vw\n' | pid_run passwd.pid sh -c "$as_alice" /bin/passwd bob ||
	fail "passwd bob"
printf 'Xk9-tq2!vw\nYk9-tq2!vw\n' | pid_run passwdbad.pid sh -c "$as_alice" /bin/passwd bob &&
	fail "passwd took two different passwords"
pid_run userdel.pid sh -c "$as_alice" userdel bob || fail "userdel"
trail_bin
c2audit report --conf auditd.conf --type user >user.txt
cat user.txt

p=$(cat sudo.pid)
for t in USER_AUTH USER_ACCT; do
	expect_msg $t pid=$p uid=1000 auid=1000 acct=alice exe=/bin/sudo res=success
done
expect_msg USER_CMD pid=$p uid=1000 auid=1000 cmd=true exe=/bin/sudo res=success
expect_msg CRED_REFR pid=$p auid=1000 acct=root exe=/bin/sudo res=success
expect_msg USER_START pid=$p auid=1000 acct=root exe=/bin/sudo res=success
expect_msg USER_END pid=$p auid=1000 acct=root exe=/bin/sudo res=success
p=$(cat sudobad.pid)
expect_msg USER_AUTH pid=$p uid=1000 auid=1000 acct=alice exe=/bin/sudo res=failed success=no
expect_none r.bin type=user pid=$p msgtype=USER_CMD res=success
p=$(cat useradd.pid)
expect_msg ADD_USER pid=$p uid=0 auid=1000 exe=/bin/useradd id=1001 res=success
expect_msg ADD_GROUP pid=$p uid=0 auid=1000 exe=/bin/useradd res=success
p=$(cat passwd.pid)
expect_msg USER_CHAUTHTOK pid=$p auid=1000 acct=bob exe=/bin/passwd op=PAM:chauthtok res=success
p=$(cat passwdbad.pid)
expect_msg USER_CHAUTHTOK pid=$p auid=1000 acct=bob exe=/bin/passwd op=PAM:chauthtok res=failed
p=$(cat userdel.pid)
expect_msg DEL_USER pid=$p uid=0 auid=1000 exe=/bin/userdel id=1001 res=success

reccheck ids r.bin | tee ids.txt || fail "the ids of the trail's streams"
[ "$(lost_in ids.txt)" = 0 ] || fail "messages lost"

# summary: authentications by user, host and terminal, with the failure
c2audit summary --conf auditd.conf --type user --top 0 >sum.txt
cat sum.txt
# sudo's good password, then the bad one twice (it asks again)
grep -Eq '^ +3 +2  "user=alice host=\? terminal=\?"$' sum.txt ||
	fail "summary: not alice's 3 authentications, 2 failed"
grep -Eq '^ +[0-9]+ +[0-9]+  USER_AUTH$' sum.txt || fail "summary: no msgtype table"
c2audit summary --conf auditd.conf --json --type user >sum.json
grep -q '"auth":\[{"name":"user=alice' sum.json || fail "summary --json: auth"
