# fork, vfork, clone, clone3, kill, tkill, tgkill, ptrace with their target.
. /tests/lib.sh

mkdir -p /tmp/sc
load_module
start_collect r.bin
sc_procs >expected
stop_collect
reccheck expect r.bin expected
reccheck ids r.bin
