# Block mode never waits for a reader that is stopped or gone (unless
# strict): a stopped reader, a killed one, one frozen by the cgroup v2
# freezer and one held in a ptrace stop hold no producer, and what did not
# fit is lost with the reason noreader; thawed, the reader loses nothing
# more.
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

# A reader frozen by the cgroup v2 freezer holds no producer either;
# thawed, it loses nothing more.
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
# Thawed, it reads again: what comes now is not lost.
for _ in $(seq 100); do
	[ "$(status_total fill)" = 0 ] && break
	sleep 0.1
done
dropped=$(status_total dropped)
wl open / 200 >/dev/null
sleep 1
[ "$(status_total dropped)" = "$dropped" ] || fail "records lost after the reader thawed"
stop_collect
reccheck grep r3.bin type=lost | grep -q 'reasons=[a-z_,]*noreader' ||
	fail "no marker says noreader for the frozen reader"

# A reader held in a ptrace stop, as a debugger holds it: the same.
start_collect r4.bin
ptstop "$COLLECT_PID" >ptstop.out &
PT=$!
for _ in $(seq 50); do
	grep -q stopped ptstop.out && break
	sleep 0.1
done
grep -q stopped ptstop.out || fail "the reader did not stop under ptrace"
timeout 120 wl open / 400 >/dev/null || fail "producers waited for a ptrace-stopped reader"
kill -TERM $PT
wait $PT || fail "ptstop did not let the reader go"
stop_collect
reccheck grep r4.bin type=lost | grep -q 'reasons=[a-z_,]*noreader' ||
	fail "no marker says noreader for the ptrace-stopped reader"
