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
# the load: 40 runs of 1000 opens, one after the other, in the background
(for _ in $(seq 40); do wl open "$PWD/work/f" 1000 >/dev/null || exit 1; done) &
load=$!
kills=0
while kill -0 "$load" 2>/dev/null; do
	sleep 1.5
	kill -KILL "$FWD_PID"
	wait "$FWD_PID" 2>/dev/null || true
	kills=$((kills + 1))
	start_forwarder
done
wait "$load" || fail "workload failed"
echo "forwarder killed $kills times"
[ "$kills" -ge 2 ] || fail "the load ended before two kills"
moved=$(grep -c "position: file" fwd.log || true)
echo "position moved $moved times during the load"
[ "$moved" -ge 2 ] || fail "the forwarder made no progress under the load"
stop_auditd
files=$(ls log/trail-*.c2a | wc -l)
echo "$files trail files"
[ "$files" -ge 3 ] || fail "no rotations"
c2audit verify log >verify.out || { cat verify.out; fail "the trail is not intact"; }
tail -1 verify.out
trailcat log >r.bin || fail "trailcat"
opens=$(reccheck grep r.bin syscall=openat comm=wl | wc -l)
[ "$opens" = 40000 ] || fail "$opens opens in the trail, not the workload's 40000"

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
