# a static 32-bit program (sysenter and int 0x80, 16-bit uid calls, socketcall,
# stime, the i386 entry points of file handles, signals, kexec, namespaces).
. /tests/lib.sh

mkdir -p /tmp/sc
ip link set lo up
load_module
start_collect r.bin
sc_m32 /tmp/sc >expected
sc_int80 /tmp/sc >>expected
stop_collect
reccheck expect r.bin expected
reccheck ids r.bin
