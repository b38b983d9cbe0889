# Block mode never waits for a reader that is stopped or gone (unless
# strict): a stopped reader, then a killed one, hold no producer, and what
# did not fit is lost with the reason noreader.
. /tests/lib.sh

load_module slots=64
c2audit set overflow=block block_timeout=0
start_collect r.bin
kill -STOP "$COLLECT_PID"
timeout 120 wl open / 400 >/dev/null || fail "producers waited for a stopped reader"
kill -CONT "$COLLECT_PID"
stop_collect
reccheck ids r.bin
reccheck grep r.bin type=lost | grep -q 'reasons=[a-z_,]*noreader' ||
	fail "no marker says noreader"

# A reader killed while producers wait for it lets them go.
start_collect r2.bin -b 8 -d 200
wl open / 2000 >/dev/null &
w=$!
sleep 2
kill -KILL "$COLLECT_PID"
COLLECT_PID=""
timeout 120 sh -c "while kill -0 $w 2>/dev/null; do sleep 0.2; done" ||
	fail "producers still wait for a killed reader"

# A reader frozen by the cgroup v2 freezer holds no producer either, nor
# one with a thread stopped by a debugger; thawed, it loses nothing more.
mkdir -p /sys/fs/cgroup
mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null || true
mkdir /sys/fs/cgroup/reader
start_collect r3.bin
echo "$COLLECT_PID" >/sys/fs/cgroup/reader/cgroup.procs
echo 1 >/sys/fs/cgroup/reader/cgroup.freeze
for _ in $(seq 50); do
	grep -q 'frozen 1' /sys/fs/cgroup/reader/cgroup.events && break
	sleep 0.1
done
grep -q 'frozen 1' /sys/fs/cgroup/reader/cgroup.events || fail "the reader did not freeze"
timeout 120 wl open / 400 >/dev/null || fail "producers waited for a frozen reader"
echo 0 >/sys/fs/cgroup/reader/cgroup.freeze
stop_collect
reccheck grep r3.bin type=lost | grep -q 'reasons=[a-z_,]*noreader' ||
	fail "no marker says noreader for the frozen reader"
