# One reader at a time; whole records only; non-blocking and poll()
# semantics; wake-ups batched; the reader itself is not audited.
. /tests/lib.sh

load_module
for t in ebusy einval eagain poll batch self; do
	devtest $t
done
start_collect r.bin
c2audit tail --device 2>err && fail "a second reader was let in"
grep -q "another reader holds it (pid $COLLECT_PID)" err ||
	fail "second reader not told who holds the device: $(cat err)"
stop_collect
