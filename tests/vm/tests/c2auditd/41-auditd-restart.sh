# c2auditd stopped and started again under load: the module keeps the
# records while no reader is attached, the next run reads them, and the
# trail has every id of every CPU, across three files that verify chains
# together.
. /tests/lib.sh

# Rings large enough to hold the load while no reader is attached: each
# worker makes at most 5000 opens a second, however fast the kernel lets
# it (2 s without a reader: some 20000 records of 32768 a CPU).
load_module slots=32768
log=/tmp/41-auditd-restart/log
auditd_conf $log max_log_file=0
start_auditd
worker() {
	while [ ! -e stop ]; do
		wl open /etc/hostname 500 || return 1
		sleep 0.1
	done
}
rm -f stop
worker >w1.out &
w1=$!
worker >w2.out &
w2=$!
sleep 2
for run in 1 2; do
	stop_auditd
	# The module keeps what the workers do meanwhile.
	sleep 1
	[ "$(c2audit status --json | sed 's/.*"reader_pid":\([0-9]*\).*/\1/')" = 0 ] ||
		fail "a reader is still attached"
	start_auditd
	sleep 2
done
touch stop
wait $w1 || fail "worker 1: $(cat w1.out)"
wait $w2 || fail "worker 2: $(cat w2.out)"
stop_auditd
cat auditd.log
c2audit status

set -- $log/trail-*.c2a
[ $# = 3 ] || fail "$# trail files, not 3"
c2audit verify $log || fail "verify"
trailcat $log >r.bin || fail "trailcat"
reccheck ids r.bin | tee ids.txt || fail "a gap in the ids across restarts"
[ "$(lost_in ids.txt)" = 0 ] || fail "records lost across restarts"
[ "$(status_total dropped)" = 0 ] || fail "the module dropped records"
opens=$(reccheck grep r.bin syscall=openat name=/etc/hostname | wc -l)
echo "$opens opens of the workers in the trail"
[ "$opens" -gt 1000 ] || fail "the workers made only $opens opens"
# Each run's records are in its own file, and every file but the first
# says how the one before it ended. The whole trail's copy goes first:
# /tmp is half the guest's memory, and a busy run's three copies fill it.
rm -f r.bin
for f in $log/trail-00000002.c2a $log/trail-00000003.c2a; do
	trailcat $f >one.bin
	n=$(reccheck grep one.bin syscall=openat name=/etc/hostname | wc -l)
	[ "$n" -gt 0 ] || fail "$f has no opens of the workers"
done
