# Unloading with uprobes set while a process keeps calling the probed
# function: the probes go with the module, the process runs on unharmed
# (a breakpoint left behind would kill it with SIGTRAP), and the next load
# starts with none. The harness checks the kernel log and, on the debug
# kernel, leaks.
. /tests/lib.sh

load_module default_rules=0
printf 'uprobe\n' >rules
c2audit rules load rules >/dev/null || fail "uprobes did not load"
make_tree t 10 30
ransim -d 10 t >ran.out &
ran=$!
start_collect r.bin
sleep 2
stop_collect
n=$(reccheck grep r.bin type=uprobe pid=$ran function=EVP_EncryptInit_ex | wc -l)
[ "$n" -gt 0 ] || fail "no records of the running process"
echo "$n calls recorded before the unload"
kill -0 $ran 2>/dev/null || fail "ransim finished too soon for the test"
unload_module || fail "rmmod with uprobes set"
wait $ran || fail "ransim failed after the unload: $(tail -n 3 ran.out)"
[ "$(wc -l <ran.out)" = 300 ] || fail "ransim did $(wc -l <ran.out) files of 300"
load_module
c2audit rules list | grep uprobe && fail "uprobes after a new load"
# The encryption goes on with no probe: no uprobe record.
make_tree u 1 3
start_collect s.bin
ransim u >/dev/null
stop_collect
expect_none s.bin type=uprobe
