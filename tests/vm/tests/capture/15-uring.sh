# io_uring operations, inline and in a worker, recorded like the syscalls.
. /tests/lib.sh

mkdir -p /tmp/sc
ip link set lo up
load_module
start_collect r.bin
sc_uring /tmp/sc >expected
stop_collect
reccheck expect r.bin expected
reccheck ids r.bin

# A program the kernel starts itself (a usermode helper: here the pipe of
# core_pattern, for a crash) is an execve record too.
echo '|/bin/true' >/proc/sys/kernel/core_pattern
start_collect r2.bin
sh -c 'ulimit -c unlimited; kill -SEGV $$' 2>/dev/null || true
sleep 1
stop_collect
expect_event r2.bin syscall=execve arch=kernel name=/bin/true success=yes
