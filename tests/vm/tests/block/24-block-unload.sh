# Strict block mode with no timeout holds producers while the reader is
# stopped, and after it is killed. rmmod then says "in use" at once (the
# producers wait in the module) and never hangs; turning auditing off
# releases them, their events counted lost, and the module unloads.
# Strict mode blocks every audited task once its CPU's ring is full, this
# test's own commands too: the workload runs on CPU 1, the test on CPU 0,
# whose ring keeps room for the test's few records.
. /tests/lib.sh

taskset -p 1 $$ >/dev/null
load_module slots=512
c2audit set overflow=block strict=yes block_timeout=0
start_collect r.bin
kill -STOP "$COLLECT_PID"
taskset 2 wl open / 1000 >/dev/null &
w=$!
wait_status blocked_now 1
kill -KILL "$COLLECT_PID"
COLLECT_PID=""
sleep 1
kill -0 $w || fail "strict mode let the producer go without a reader"
[ "$(status_total blocked_now)" -ge 1 ] || fail "no producer is waiting"
timeout 20 rmmod c2audit 2>err && fail "unloaded while producers wait in it"
grep -q 'Resource temporarily unavailable\|in use' err || fail "rmmod: $(cat err)"
timeout 60 c2audit set enabled=no || fail "auditing off failed or hung"
timeout 60 sh -c "while kill -0 $w 2>/dev/null; do sleep 0.2; done" ||
	fail "producers still blocked with auditing off"
timeout 60 rmmod c2audit || fail "unload after the producers left failed or hung"
dmesg | grep -q 'audit records were never read' || fail "unread records not reported"
