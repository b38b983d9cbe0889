# No user can blind the module: an unprivileged user holds 3,000 calls
# blocked in the kernel (FIFO opens with no writer); meanwhile the opens
# and execs of other processes are all recorded, nothing is missed, and
# once released the 3,000 blocked opens are recorded too.
. /tests/lib.sh

n=3000
mkdir -m 0777 fifo.d
mkfifo -m 0666 fifo.d/p
echo x >f
load_module
start_collect r.bin
runas 1000 1000 attack fifo "$PWD/fifo.d/p" $n >att.out &
att=$!
for _ in $(seq 600); do
	grep -q waiting att.out && break
	kill -0 $att || fail "the attacker died: $(cat att.out)"
	sleep 0.2
done
grep -q waiting att.out || fail "the attacker's threads did not start"
# Every one of them in open(2): the module follows them all.
inflight=0
for _ in $(seq 240); do
	inflight=$(c2audit status --json | sed -n 's/.*"inflight":\([0-9]*\).*/\1/p')
	[ "$inflight" -ge $n ] && break
	sleep 0.5
done
echo "calls in progress: $inflight"
[ "$inflight" -ge $n ] ||
	fail "status shows $inflight calls in progress, not $n; the attacker: $(cat att.out)"
c2audit status | grep -q "hooks: .* entry points; .* audited calls in progress" ||
	fail "status does not show the hooks"
run_wl open "$PWD/f" 50
w=$WL_PID
for i in 1 2 3 4 5; do /bin/true; done
runas 1001 1001 wl open "$PWD/f" 5 >/dev/null
# Release the readers: a writer opens the FIFO, once each reader is in.
(exec 3>fifo.d/p; sleep 2) &
timeout 300 sh -c "wait $att" 2>/dev/null || true
for _ in $(seq 600); do
	kill -0 $att 2>/dev/null || break
	sleep 0.5
done
kill -0 $att 2>/dev/null && fail "the blocked opens did not end"
grep -q "$n opened" att.out || fail "the attacker: $(cat att.out)"
stop_collect
opens=$(reccheck grep r.bin syscall=openat pid=$w path="$PWD/f" | wc -l)
echo "root's opens recorded: $opens of 50"
[ "$opens" -ge 50 ] || fail "only $opens of root's 50 opens in the trail"
execs=$(reccheck grep r.bin syscall=execve name=/bin/true success=yes | wc -l)
[ "$execs" -ge 5 ] || fail "only $execs of 5 execs in the trail"
other=$(reccheck grep r.bin syscall=openat uid=1001 path="$PWD/f" | wc -l)
[ "$other" -ge 5 ] || fail "only $other of another user's 5 opens in the trail"
blocked=$(reccheck grep r.bin syscall=openat uid=1000 path="$PWD/fifo.d/p" success=yes | wc -l)
echo "blocked opens recorded: $blocked of $n"
[ "$blocked" -ge $n ] || fail "only $blocked of $n blocked opens in the trail"
missed=$(status_total missed)
[ "$missed" = 0 ] || fail "$missed calls missed"
reccheck ids r.bin | tee ids.txt
[ "$(lost_in ids.txt)" = 0 ] || fail "records lost"
