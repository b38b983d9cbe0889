# Thousands of random ioctls (numbers, sizes, pointers, contents) leave no
# report in the kernel log and a device that still works.
. /tests/lib.sh

load_module
ioctlfuzz 30000 "$(date +%s)" || fail "the fuzzer failed"
c2audit status >/dev/null || fail "status after fuzzing"
start_collect r.bin
run_wl open /tmp
stop_collect
expect_event r.bin syscall=openat pid=$WL_PID path=/tmp
