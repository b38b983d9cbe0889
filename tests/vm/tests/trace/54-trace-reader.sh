# Tracing takes nothing from the trail: while a reader holds /dev/audit,
# the traced command's records reach it exactly as an untraced run's do,
# with contiguous ids, only what the rules select (the trace also shows
# what they do not), no LSM event, and the observer's coming and going
# as CONFIG records.
. /tests/lib.sh

echo data >/tmp/f
load_module
printf 'audit syscall=openat key=opens\n' >rules
c2audit rules load rules >/dev/null
start_collect r.bin

wl open /tmp/f >plain.out &
plain=$!
wait $plain
c2audit trace --lsm -o t.txt -- wl open /tmp/f >wl.out || fail "trace of wl failed"
traced=$(head -n 1 wl.out)
stop_collect
cat t.txt

reccheck ids r.bin || fail "ids are not contiguous"
# The same program, traced or not, leaves the same records in the trail.
# (Less what the shell did in the untraced one before the exec: its
# background job's stdin and stdout.)
reccheck grep r.bin pid=$plain | grep -v 'path=[^ ]*/plain.out \|path=/dev/null ' | sed 's/.* syscall=\([a-z0-9]*\) .* path=\([^ ]*\) .*/\1 \2/' >plain.calls
reccheck grep r.bin pid=$traced | sed 's/.* syscall=\([a-z0-9]*\) .* path=\([^ ]*\) .*/\1 \2/' >traced.calls
cat traced.calls
[ -s plain.calls ] || fail "no record of the untraced run"
cmp plain.calls traced.calls ||
	fail "the trail got other records for the traced run: $(diff plain.calls traced.calls)"
expect_event r.bin syscall=openat pid=$traced path=/tmp/f key=opens
expect_none r.bin syscall=execve pid=$traced
expect_none r.bin type=lsm
# The trace saw what the rules do not select, and the hooks.
grep -q " $traced wl  *-> execve path=/bin/wl " t.txt || fail "the trace lacks the execve"
grep -q " $traced wl  *-> openat path=/tmp/f " t.txt || fail "the trace lacks the open"
grep -q "file_open dentry=f " t.txt || fail "the trace lacks the hooks"
expect_event r.bin type=config item=observer new=$traced
expect_event r.bin type=config item=observer old=$traced

# With no reader at all, a trace works and leaves the records waiting.
c2audit trace -o t2.txt -- wl open /tmp/f >/dev/null || fail "trace without a reader failed"
grep -q ' openat path=/tmp/f ' t2.txt || fail "no open traced without a reader"
