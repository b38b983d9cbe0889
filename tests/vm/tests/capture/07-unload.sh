# Unloading under load: with a reader blocked in read() the module is in
# use and says so. Without one, rmmod answers at once, unloading or saying
# "in use" while audited calls are in their hooks; with auditing off those
# end, and it unloads while the workload runs, and loads again,
# repeatedly, with nothing reported in the kernel log.
. /tests/lib.sh

echo x >/tmp/f
load_module
wl loop /tmp/f >/dev/null &
w1=$!
(while :; do /bin/true; done) &
w2=$!
start_collect r.bin
sleep 1
rmmod c2audit 2>/dev/null && fail "unloaded while a reader holds the device"
kill -0 $COLLECT_PID || fail "the reader died"
stop_collect
reccheck ids r.bin
# At once: within 5 s (on a debug kernel, whose unhooking takes many times
# as long, 120 s).
limit=5
! debug_kernel || limit=120
for i in 1 2 3; do
	t0=$(date +%s)
	if ! timeout $((limit * 2)) rmmod c2audit 2>err; then
		grep -q 'Resource temporarily unavailable\|in use' err ||
			fail "rmmod $i under load: $(cat err)"
	fi
	[ $(($(date +%s) - t0)) -le $limit ] ||
		fail "rmmod $i took more than $limit s"
	if grep -qw '^c2audit' /proc/modules; then
		unload_module || fail "unload $i under load failed"
	fi
	sleep 0.5
	load_module
	sleep 0.5
done
kill -0 $w1 && kill -0 $w2 || fail "a workload died"
kill $w1 $w2
