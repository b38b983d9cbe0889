# rmmod never waits on user behaviour: with audited tasks stopped by a
# signal, stopped by a debugger and frozen by the cgroup v2 freezer, it
# returns within 20 s, and the tasks run on afterwards. First with the
# tasks held between their audited calls; then with them held while they
# wait in the module for room (strict block mode, a stopped reader): rmmod
# says "in use" at once, auditing off lets them out though still held,
# and the module unloads.
# Strict mode blocks every audited task once its CPU's ring is full, this
# test's own commands too: the held tasks run on CPU 1, the test on CPU 0.
. /tests/lib.sh

TASKS=""
trap '[ -z "$TASKS" ] || kill -KILL $TASKS 2>/dev/null; cleanup' EXIT
taskset -p 1 $$ >/dev/null
mkdir -p /sys/fs/cgroup
mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null || true
mkdir /sys/fs/cgroup/held
echo x >f

# hold STOPPED TRACED FROZEN: SIGSTOP the first, ptrace-stop the second
# (ptstop's pid in PTSTOP), put the third into a frozen cgroup.
hold() {
	kill -STOP "$1"
	ptstop "$2" >ptstop.out &
	PTSTOP=$!
	echo "$3" >/sys/fs/cgroup/held/cgroup.procs
	echo 1 >/sys/fs/cgroup/held/cgroup.freeze
}

release() {
	kill -CONT "$1"
	kill -TERM "$PTSTOP"
	wait "$PTSTOP" || fail "ptstop did not let go: $(cat ptstop.out)"
	echo 0 >/sys/fs/cgroup/held/cgroup.freeze
}

# state PID: the state letter of /proc/PID/stat.
state() {
	sed 's/^.*) \(.\).*/\1/' /proc/$1/stat
}

# cpu PID: its user + system ticks so far.
cpu() {
	sed 's/^.*) //' /proc/$1/stat | awk '{ print $12 + $13 }'
}

# runs_on PID...: each is not stopped and gets CPU time.
runs_on() {
	for p in "$@"; do
		c=$(cpu $p)
		for _ in $(seq 50); do
			[ "$(cpu $p)" -gt "$c" ] && break
			sleep 0.1
		done
		[ "$(cpu $p)" -gt "$c" ] || fail "task $p does not run on (state $(state $p))"
	done
}

# rmmod_quick: rmmod returns within 20 s (on a debug kernel, whose
# unhooking takes many times as long, 120 s); its status.
LIMIT=20
! debug_kernel || LIMIT=120
rmmod_quick() {
	t0=$(date +%s)
	rc=0
	timeout $LIMIT rmmod c2audit 2>err || rc=$?
	[ "$rc" != 124 ] && [ "$rc" != 143 ] || fail "rmmod hung"
	[ $(($(date +%s) - t0)) -le $LIMIT ] || fail "rmmod took more than $LIMIT s"
	return $rc
}

# 1. Held between audited calls: nothing of theirs is in the module.
load_module
start_collect r.bin
for i in 1 2 3; do
	taskset 2 wl loop $PWD/f >/dev/null &
	TASKS="$TASKS $!"
done
set -- $TASKS
sleep 1
hold "$1" "$2" "$3"
grep -q stopped ptstop.out 2>/dev/null || sleep 1
grep -q stopped ptstop.out || fail "ptstop did not stop $2"
stop_collect
rmmod_quick || fail "rmmod with held tasks: $(cat err)"
release "$1" "$2" "$3"
runs_on "$1" "$2" "$3"
kill -KILL $TASKS
TASKS=""

# 2. Held while they wait in the module for room.
load_module slots=512
c2audit set overflow=block strict=yes block_timeout=0
start_collect r2.bin
kill -STOP "$COLLECT_PID"
for i in 1 2 3; do
	taskset 2 wl open $PWD/f 5000 >/dev/null &
	TASKS="$TASKS $!"
done
set -- $TASKS
wait_status blocked_now 3
# Strict: they wait on without a reader; the device's holder gone, only
# their calls keep the module.
kill -KILL "$COLLECT_PID"
COLLECT_PID=""
hold "$1" "$2" "$3"
sleep 1
[ "$(status_total blocked_now)" -ge 3 ] || fail "the producers stopped waiting"
if rmmod_quick; then
	fail "unloaded while producers wait in it"
fi
grep -q 'Resource temporarily unavailable\|in use' err || fail "rmmod: $(cat err)"
timeout 20 c2audit set enabled=no || fail "auditing off failed or hung"
# Out of the module, they stop, trace-stop and freeze at their return to
# user space, and the module goes while they are held.
for _ in $(seq 100); do
	rmmod_quick && break
	sleep 0.2
done
grep -qw '^c2audit' /proc/modules && fail "the module did not unload: $(cat err)"
[ "$(state $1)" = T ] || fail "task $1 is not stopped ($(state $1))"
grep -q stopped ptstop.out || fail "task $2 never reached its ptrace stop"
grep -q 'frozen 1' /sys/fs/cgroup/held/cgroup.events || fail "task $3 never froze"
release "$1" "$2" "$3"
for p in "$@"; do
	timeout 120 sh -c "while kill -0 $p 2>/dev/null; do sleep 0.2; done" ||
		fail "task $p did not finish its opens"
done
TASKS=""
