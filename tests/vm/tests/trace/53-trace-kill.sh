# A program killing another under trace --lsm: task_kill with the target's
# pid and the signal; nothing of the target, which is not traced.
. /tests/lib.sh

load_module
sleep 100 &
target=$!
c2audit trace --lsm -o t.txt -- kill "$target" || fail "trace of kill failed"
cat t.txt
wait "$target" && fail "the target survived"
root=$(trace_root t.txt)
grep -q " $root kill  *-> kill target_pid=$target sig=15$" t.txt || fail "no kill syscall"
grep -q " $root kill  *task_kill target_pid=$target sig=15 = 0$" t.txt ||
	fail "no task_kill of $target"
grep_order t.txt "-> kill target_pid=$target" "task_kill target_pid=$target" "<- kill = 0"
trace_only_tree t.txt "$root"
