# c2auditd refuses what it must: a bad configuration (named by file and
# line), a log directory others may write to, a bad key file, a second
# reader; `c2auditd -n` checks without starting.
. /tests/lib.sh

load_module
printf 'log_dir = /var/log/c2audit-42\nflush = batch\nbogus = 1\nflush = none\nnum_logs = x\n' >bad.conf
rc=0
c2auditd -d -c bad.conf 2>err.txt || rc=$?
cat err.txt
[ $rc = 1 ] || fail "a bad configuration: exit $rc, not 1"
grep -q "bad.conf:3: unknown key 'bogus'" err.txt || fail "no error for line 3"
grep -q "bad.conf:4: flush is set twice" err.txt || fail "no error for line 4"
grep -q "bad.conf:5: num_logs = 'x'" err.txt || fail "no error for line 5"
rc=0
c2auditd -n -c bad.conf 2>/dev/null || rc=$?
[ $rc = 1 ] || fail "c2auditd -n passed a bad configuration"
rc=0
c2auditd -c /nonexistent.conf 2>err.txt || rc=$?
[ $rc = 1 ] && grep -q "/nonexistent.conf" err.txt || fail "a missing configuration"
rc=0
c2auditd -x 2>/dev/null || rc=$?
[ $rc = 2 ] || fail "a bad option: exit $rc, not 2"

mkdir -m 777 /tmp/42-ww
auditd_conf /tmp/42-ww
rc=0
c2auditd -d -c auditd.conf 2>err.txt || rc=$?
cat err.txt
[ $rc = 1 ] && grep -q "refusing it" err.txt || fail "a world-writable log dir was accepted"
[ -z "$(ls /tmp/42-ww)" ] || fail "files were made in the refused directory"

printf 'short' >key
chmod 600 key
auditd_conf $PWD/log key_file=$PWD/key
rc=0
c2auditd -d -c auditd.conf 2>err.txt || rc=$?
[ $rc = 1 ] && grep -q "5 bytes; a key has 16 to 4096" err.txt || fail "a short key was accepted"
head -c 32 /dev/urandom >key
chmod 644 key
rc=0
c2auditd -d -c auditd.conf 2>err.txt || rc=$?
[ $rc = 1 ] && grep -q "mode 0644 lets others" err.txt || fail "a readable key was accepted"

# A bad rules file does not stop the trail: the rules in force stay.
echo "audit syscall=nonesuch" >rules.conf
auditd_conf $PWD/log rules_file=$PWD/rules.conf
start_auditd
grep -q "rules.conf:1:" auditd.log && grep -q "the rules in force stay" auditd.log ||
	fail "no word of the bad rules file"
# One reader at a time: a second daemon says who holds the device.
rc=0
c2auditd -d -c auditd.conf 2>err.txt || rc=$?
cat err.txt
[ $rc = 1 ] && grep -q "another reader holds it (pid $AUDITD_PID)" err.txt ||
	fail "a second c2auditd did not say who reads"
stop_auditd
c2audit verify $PWD/log || fail "verify"
