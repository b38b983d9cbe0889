# c2auditd writes what the module reads into a hash-chained trail: every
# record, in a 0700 directory of 0600 files; stops on SIGTERM with exit 0
# and a sealed file that `c2audit verify` passes.
. /tests/lib.sh

load_module
log=/tmp/40-auditd/log
auditd_conf $log
c2auditd -n -c auditd.conf | grep -q 'configuration ok' || fail "c2auditd -n"
start_auditd
[ "$(status_total blocked_now)" = 0 ] || fail "producers block with c2auditd reading"
c2audit status | grep -q "reader:    pid $AUDITD_PID" || fail "c2auditd is not the reader"
wl open /etc/hostname 500 >wl.out
pid=$(head -1 wl.out)
stop_auditd
cat auditd.log

[ "$(stat -c %a $log)" = 700 ] || fail "log dir mode $(stat -c %a $log)"
ls -l $log
set -- $log/trail-*.c2a
[ $# = 1 ] || fail "$# trail files, not 1"
[ "$(stat -c %a "$1")" = 600 ] || fail "trail file mode $(stat -c %a "$1")"
c2audit verify $log || fail "verify found damage in an untouched trail"
trailcat $log >r.bin || fail "trailcat"
n=$(reccheck grep r.bin syscall=openat pid=$pid name=/etc/hostname | wc -l)
[ "$n" = 500 ] || fail "the trail has $n of the 500 opens"
reccheck ids r.bin | tee ids.txt || fail "ids are not contiguous"
[ "$(lost_in ids.txt)" = 0 ] || fail "records lost"
reccheck grep r.bin type=config item=reader | grep -q . ||
	fail "the trail lacks the reader attaching"
grep -q "stopped: .* 0 lost" auditd.log || fail "c2auditd's exit summary"

# In the background (no -f): the caller returns 0 once it reads, and its
# process is not audited.
c2auditd -c auditd.conf || fail "c2auditd in the background exited $?"
pid=$(pidof c2auditd) || fail "no c2auditd running"
c2audit status | grep -q "reader:    pid $pid" || fail "c2auditd is not the reader"
kill -TERM $pid
for _ in $(seq 50); do
	kill -0 $pid 2>/dev/null || break
	sleep 0.1
done
kill -0 $pid 2>/dev/null && fail "c2auditd did not stop on SIGTERM"
set -- $log/trail-*.c2a
[ $# = 2 ] || fail "$# trail files after a second run, not 2"
c2audit verify $log || fail "verify after a second run"
trailcat $log >r2.bin && reccheck ids r2.bin || fail "ids across two runs"
