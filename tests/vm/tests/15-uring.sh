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
