# No user can blind the module: an unprivileged user holds 2,000 FIFO
# opens with no writer, 1,000 accepts, and 300 vforks whose children wait
# in a FIFO open, in the kernel at once (3,600 calls: the guest's
# RLIMIT_NPROC, 4,096 tasks a user, leaves room for no more); meanwhile the opens and execs of other processes are
# all recorded, nothing is missed, and once released the blocked calls
# are recorded too.
. /tests/lib.sh

nfifo=2000
nacc=1000
nvf=300
# A debug kernel's bigger stacks halve the guest's task limit: then as
# many as 80% of the user's RLIMIT_NPROC allows, in the same proportions.
lim=$(runas 1000 1000 sh -c 'ulimit -u')
[ "$lim" = unlimited ] && lim=100000
max=$((lim * 8 / 10))
if [ $max -lt 3600 ]; then
	nfifo=$((2000 * max / 3600))
	nacc=$((1000 * max / 3600))
	nvf=$((300 * max / 3600))
fi
echo "calls to block: $nfifo FIFO opens, $nacc accepts, $nvf vforks (RLIMIT_NPROC $lim)"
ip link set lo up
mkdir -m 0777 fifo.d
mkfifo -m 0666 fifo.d/p fifo.d/v
mkfifo ctl
echo x >f
load_module
start_collect r.bin
runas 1000 1000 attack fifo "$PWD/fifo.d/p" $nfifo >fifo.out &
att=$!
runas 1000 1000 attack accept 6001 $nacc <ctl >acc.out &
acc=$!
exec 4>ctl
runas 1000 1000 attack vfork $nvf "$PWD/fifo.d/v" >vf.out &
vf=$!
# Every one of them in its call: the module follows them all.
want=$((nfifo + nacc + 2 * nvf))
inflight=0
for _ in $(seq 200); do
	inflight=$(c2audit status --json | sed -n 's/.*"inflight":\([0-9]*\).*/\1/p')
	[ "$inflight" -ge $want ] && break
	sleep 0.5
done
echo "calls in progress: $inflight"
[ "$inflight" -ge $want ] ||
	fail "status shows $inflight calls in progress, not $want; the attackers: $(cat fifo.out acc.out vf.out)"
c2audit status | grep -q "hooks: .* entry points; .* audited calls in progress" ||
	fail "status does not show the hooks"
run_wl open "$PWD/f" 50
w=$WL_PID
for i in 1 2 3 4 5; do /bin/true; done
runas 1001 1001 wl open "$PWD/f" 5 >/dev/null
# Release them: a writer opens the FIFOs, the accepts get their peers.
(exec 3>fifo.d/p; sleep 2) &
(exec 3>fifo.d/v; sleep 2) &
echo go >&4
exec 4>&-
for _ in $(seq 600); do
	kill -0 $att 2>/dev/null || kill -0 $acc 2>/dev/null || kill -0 $vf 2>/dev/null || break
	sleep 0.5
done
for p in $att $acc $vf; do
	kill -0 $p 2>/dev/null && fail "blocked calls did not end: $(cat fifo.out acc.out vf.out)"
done
grep -q "$nfifo opened" fifo.out || fail "the FIFO attacker: $(cat fifo.out)"
grep -q "$nacc accepted" acc.out || fail "the accept attacker: $(cat acc.out)"
grep -q "$nvf vforked" vf.out || fail "the vfork attacker: $(cat vf.out)"
stop_collect
opens=$(reccheck grep r.bin syscall=openat pid=$w path="$PWD/f" | wc -l)
echo "root's opens recorded: $opens of 50"
[ "$opens" -ge 50 ] || fail "only $opens of root's 50 opens in the trail"
execs=$(reccheck grep r.bin syscall=execve name=/bin/true success=yes | wc -l)
[ "$execs" -ge 5 ] || fail "only $execs of 5 execs in the trail"
other=$(reccheck grep r.bin syscall=openat uid=1001 path="$PWD/f" | wc -l)
[ "$other" -ge 5 ] || fail "only $other of another user's 5 opens in the trail"
n=$(reccheck grep r.bin syscall=openat uid=1000 path="$PWD/fifo.d/p" success=yes | wc -l)
echo "blocked opens recorded: $n of $nfifo"
[ "$n" -ge $nfifo ] || fail "only $n of $nfifo blocked opens in the trail"
n=$(reccheck grep r.bin syscall=accept uid=1000 success=yes | wc -l)
echo "blocked accepts recorded: $n of $nacc"
[ "$n" -ge $nacc ] || fail "only $n of $nacc blocked accepts in the trail"
n=$(reccheck grep r.bin syscall=vfork uid=1000 success=yes | wc -l)
echo "blocked vforks recorded: $n of $nvf"
[ "$n" -ge $nvf ] || fail "only $n of $nvf blocked vforks in the trail"
missed=$(status_total missed)
[ "$missed" = 0 ] || fail "$missed calls missed"
reccheck ids r.bin | tee ids.txt
[ "$(lost_in ids.txt)" = 0 ] || fail "records lost"
