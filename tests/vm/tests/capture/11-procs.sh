# fork, vfork, clone, clone3, kill, tkill, tgkill, ptrace with their target;
# pidfd_send_signal, rt_(tg)sigqueueinfo, process_vm_writev, setns, unshare.
. /tests/lib.sh

mkdir -p /tmp/sc
load_module
start_collect r.bin
sc_procs >expected
stop_collect
reccheck expect r.bin expected
reccheck ids r.bin
