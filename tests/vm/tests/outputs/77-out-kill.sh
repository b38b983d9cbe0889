# vm-timeout: 600
# c2audit-forward killed (SIGKILL) again and again while c2auditd writes
# a load across rotations: the trail is complete all the same (verify,
# and every open of the workload is in it), and once restarted the
# forwarder has sent every record and every file's seal; what it sent
# twice is no more than it promises (FORWARD_WINDOW records a kill).
. /tests/lib.sh
. /tests/outlib.sh

WINDOW=8192
load_module
audit_only "$PWD/work"
fwd_dirs
auditd_conf "$PWD/log" log_group=$FWD_UID max_log_file=256K num_logs=0
cat >>auditd.conf <<EOF2

[output json]
type = file
path = $PWD/out/events.json
# not deferred while the load keeps the CPU busy: it forwards, and is
# killed, in the middle of the load
priority = 0
EOF2
start_auditd
start_forwarder
# the load: runs of 1000 opens, one after the other, until told to stop
(n=0
while [ ! -e stop ]; do
	wl open "$PWD/work/f" 1000 >/dev/null || exit 1
	n=$((n + 1))
done
echo $n >runs) &
load=$!
# moved: how often the forwarder wrote its position (it logs each, -d)
moved() {
	grep -c "position: file" fwd.log || true
}
# four times: once it has moved its position since it started, in the
# middle of the load, kill it and start it again
kills=0
while [ $kills -lt 4 ]; do
	before=$(moved)
	for _ in $(seq 1200); do
		[ "$(moved)" -gt "$before" ] && break
		sleep 0.1
	done
	[ "$(moved)" -gt "$before" ] || fail "the forwarder made no progress in 120 s: $(tail fwd.log)"
	sleep 0.3
	kill -KILL "$FWD_PID"
	wait "$FWD_PID" 2>/dev/null || true
	kills=$((kills + 1))
	start_forwarder
done
touch stop
wait "$load" || fail "workload failed"
want=$(($(cat runs) * 1000))
echo "forwarder killed $kills times under a load of $want opens"
stop_auditd
files=$(ls log/trail-*.c2a | wc -l)
echo "$files trail files"
[ "$files" -ge 3 ] || fail "no rotations"
c2audit verify log >verify.out || { cat verify.out; fail "the trail is not intact"; }
tail -1 verify.out
trailcat log >r.bin || fail "trailcat"
opens=$(reccheck grep r.bin syscall=openat comm=wl | wc -l)
[ "$opens" = "$want" ] || fail "$opens opens in the trail, not the workload's $want"

last=$(printf 'trail-%08d.c2a' "$files")
wait_log fwd.log "$last sealed (stopped)" 300
stop_forwarder
grep -c "started:" fwd.log
outcheck -f file -d $((kills * WINDOW)) -s seals.json -o out/events.json r.bin ||
	fail "lost or changed"
for f in log/trail-*.c2a; do
	name=${f##*/}
	grep -q "\"file\":\"$name\",.*\"mac\":\"$(seal_mac "$f")\"" seals.json ||
		fail "no seal of $name with its last chain value"
done
