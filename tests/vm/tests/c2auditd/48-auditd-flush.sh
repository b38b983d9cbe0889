# Throughput of the trail for each flush policy, on an ext4 disk where
# fdatasync reaches the (virtual) device. Two measures, each for a bare
# reader (collect: no hashing, no sync) and for c2auditd with flush=none,
# interval:100 and batch, each checking that every record is there:
#   rate   two workers open a file as fast as they can, the module in
#          block mode, so producers go at the pace the reader keeps
#   drain  the rings filled first with no reader; the time the reader
#          takes to empty them: the reader's own pace
# Under TCG the figures mean something only as ratios within one run.
. /tests/lib.sh

N=1500		# opens per worker
D=2000		# opens per worker, for drain

uptime_cs() {
	awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime
}

# workload NAME: both workers, timed; checks the records in FILE.bin.
workload() {
	t0=$(uptime_cs)
	wl open $PWD/w/f $N >w1.out &
	a=$!
	wl open $PWD/w/f $N >w2.out &
	b=$!
	wait $a $b || fail "a worker failed"
	t1=$(uptime_cs)
	ELAPSED=$((t1 - t0))
}

# check NAME FILE: all the opens are in FILE; prints the rate.
check() {
	n=0
	for w in w1.out w2.out; do
		n=$((n + $(reccheck grep $2 syscall=openat pid=$(head -1 $w) | wc -l)))
	done
	[ "$n" = $((2 * N)) ] || fail "$1: $n of $((2 * N)) records"
	reccheck ids $2 >ids.txt || fail "$1: ids"
	[ "$(lost_in ids.txt)" = 0 ] || fail "$1: records lost"
	echo "rate $1: $n records in $((ELAPSED / 100)).$(printf %02d $((ELAPSED % 100))) s = $((n * 100 / ELAPSED)) events/s"
}

# Rings small enough that the workers do wait for the reader.
load_module slots=256
c2audit set overflow=block block_timeout=0
audit_only $PWD/w
disk=$PWD/disk
mount_scratch $disk

start_collect $disk/raw.bin
workload
stop_collect
check collect $disk/raw.bin

for policy in none interval:100 batch; do
	auditd_conf $disk/$policy flush=$policy max_log_file=0
	: >auditd.log
	start_auditd
	workload
	stop_auditd
	grep stopped: auditd.log
	c2audit verify $disk/$policy >/dev/null || fail "$policy: verify"
	trailcat $disk/$policy >r.bin
	check "flush=$policy" r.bin
done

# wait_drained: until the rings are empty.
wait_drained() {
	for _ in $(seq 600); do
		[ "$(status_total fill)" = 0 ] && return 0
		sleep 0.05
	done
	fail "the rings were not drained in 30 s"
}

# fill: the workers' records wait in the rings, no reader attached.
fill() {
	N=$D
	wl open $PWD/w/f $N >w1.out &
	a=$!
	wl open $PWD/w/f $N >w2.out &
	b=$!
	wait $a $b || fail "a worker failed"
	[ "$(status_total dropped)" = 0 ] || fail "the rings did not hold $((2 * N)) records"
}

unload_module
load_module slots=8192
audit_only $PWD/w
fill
t0=$(uptime_cs)
start_collect $disk/drain.bin
wait_drained
ELAPSED=$(($(uptime_cs) - t0))
stop_collect
check "drain collect" $disk/drain.bin
for policy in none interval:100 batch; do
	fill
	auditd_conf $disk/drain-$policy flush=$policy max_log_file=0
	: >auditd.log
	t0=$(uptime_cs)
	start_auditd
	wait_drained
	ELAPSED=$(($(uptime_cs) - t0))
	stop_auditd
	grep stopped: auditd.log
	trailcat $disk/drain-$policy >r.bin
	check "drain flush=$policy" r.bin
done
