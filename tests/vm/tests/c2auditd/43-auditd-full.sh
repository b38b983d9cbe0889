# The disk fills up (a small tmpfs) with disk_full_action=suspend and the
# module in block mode: c2auditd stops reading, producers wait, and once
# there is room again every record reaches the trail: none is lost.
. /tests/lib.sh

load_module slots=64
c2audit set overflow=block block_timeout=0
# Only the workload is audited: while nothing is read, whatever is audited
# waits, and this script must go on to make room.
audit_only $PWD/w
log=$PWD/log
mkdir -m 700 $log
mount -t tmpfs -o size=128k,mode=0700 tmpfs $log
SCRATCH=$log
auditd_conf $log max_log_file=0 disk_full_action=suspend
start_auditd
# 2000 records make about 0.6 MiB of trail: the disk is full after ~400.
# (The bound is for a guest on a host busy with other guests.)
wl open $PWD/w/f 2000 >wl.out &
wl=$!
wait_log auditd.log "suspended" 120
sleep 2
kill -0 $wl 2>/dev/null || fail "the workload finished while nothing could be written"
c2audit status
[ "$(status_total blocked_now)" -gt 0 ] || fail "no producer waits while the trail is full"
df $log
# Room again.
mount -o remount,size=8m $log
wait_log auditd.log "resumed reading" 10
wait $wl || fail "the workload failed"
pid=$(head -1 wl.out)
stop_auditd
cat auditd.log
c2audit status
c2audit verify $log || fail "verify"
trailcat $log >r.bin || fail "trailcat"
n=$(reccheck grep r.bin syscall=openat pid=$pid | wc -l)
[ "$n" = 2000 ] || fail "the trail has $n of the 2000 opens"
reccheck ids r.bin | tee ids.txt || fail "a gap in the ids"
[ "$(lost_in ids.txt)" = 0 ] || fail "records lost"
[ "$(status_total dropped)" = 0 ] || fail "the module dropped records"
grep -q "0 lost" auditd.log || fail "c2auditd gave records up"
