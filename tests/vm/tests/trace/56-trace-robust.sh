# Traces end cleanly however they end: several at once, the tracer
# killed, the command killed by a signal; probes go with the last one,
# and the module unloads.
. /tests/lib.sh

mount -t debugfs none /sys/kernel/debug 2>/dev/null || true
probes=/sys/kernel/debug/kprobes/list
load_module default_rules=0

# Two at once, each seeing only its own command.
c2audit trace -o a.txt -- sh -c 'for i in 1 2 3; do ls /tmp >/dev/null; done' &
a=$!
c2audit trace --lsm -o b.txt -- sh -c 'for i in 1 2 3; do cat /etc/c2audit/c2auditd.conf >/dev/null; done' &
b=$!
wait $a || fail "trace a failed"
wait $b || fail "trace b failed"
trace_only_tree a.txt "$(trace_root a.txt)"
trace_only_tree b.txt "$(trace_root b.txt)"
grep -q 'c2auditd.conf' a.txt && fail "trace a saw b's command"
grep -q 'path=/tmp ' b.txt && fail "trace b saw a's command"
[ "$(grep -c ' openat path=/tmp name=/tmp ' a.txt)" = 3 ] || fail "trace a lacks an ls"

# The command killed by a signal: 128 + its number.
set +e
c2audit trace -- sh -c 'kill -9 $$' >/dev/null
rc=$?
set -e
[ "$rc" = 137 ] || fail "a command killed by SIGKILL gave $rc"

# The tracer killed while its command runs: the observer goes with it.
c2audit trace --lsm -o c.txt -- sleep 30 &
c=$!
sleep 1
c2audit status | grep -q 'observers: 1' || fail "no observer while tracing"
kill -9 $c
wait $c || true
sleep 0.5
c2audit status | grep -q 'observers: 0' || fail "the observer outlived its tracer"
grep -q 'security_\|inode_permission\|__x64_sys_' $probes && fail "probes outlived the trace"
pkill sleep || true
unload_module || fail "the module does not unload after traces"
