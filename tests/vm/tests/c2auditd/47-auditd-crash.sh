# c2auditd killed (SIGKILL) under load leaves its file unsealed; the next
# run says so, and its file's header records where that file ended, so
# verify finds the trail intact, and would find it cut.
. /tests/lib.sh

load_module slots=16384
log=$PWD/log
# one file: on a fast guest 2 s of load filled 8 MB, and the file killed
# mid-write was the second
auditd_conf $log max_log_file=0
start_auditd
wl loop /etc/hostname >/dev/null &
w=$!
sleep 2
kill -KILL $AUDITD_PID
wait $AUDITD_PID 2>/dev/null || true
start_auditd
grep -q "trail file 1 was not sealed" auditd.log ||
	{ cat auditd.log; fail "no word of the unsealed file"; }
sleep 1
kill $w
stop_auditd
c2audit verify $log | tee out.txt || fail "verify after a crash"
grep -q "trail-00000001.c2a: ok: .* not sealed: its writer stopped" out.txt ||
	fail "verify does not say the first file was not sealed"
# The second file's header vouches for the first one's end: cut it, and
# verify sees it. The kill may have torn the last frame, and frames are
# of any length up to 568 bytes, so the cut (560 bytes) may end inside a
# record as well as after one.
truncate -s $(($(stat -c %s $log/trail-00000001.c2a) - 560)) $log/trail-00000001.c2a
rc=0
c2audit verify $log >out.txt || rc=$?
cat out.txt
[ $rc = 1 ] && grep -q "trail-00000001.c2a: DAMAGED: it ends .*: cut short" out.txt ||
	fail "a crashed file cut short passed"
