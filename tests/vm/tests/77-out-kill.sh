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
EOF2
start_auditd
start_forwarder
pids=""
for _ in 1 2 3 4; do
	wl open "$PWD/work/f" 4000 >/dev/null &
	pids="$pids $!"
done
kills=0
while :; do
	alive=0
	for p in $pids; do
		kill -0 "$p" 2>/dev/null && alive=1
	done
	[ "$alive" = 1 ] || break
	sleep 0.7
	kill -KILL "$FWD_PID"
	wait "$FWD_PID" 2>/dev/null || true
	kills=$((kills + 1))
	start_forwarder
done
for p in $pids; do
	wait "$p" || fail "workload failed"
done
echo "forwarder killed $kills times"
[ "$kills" -ge 2 ] || fail "the load ended before two kills"
stop_auditd
files=$(ls log/trail-*.c2a | wc -l)
echo "$files trail files"
[ "$files" -ge 3 ] || fail "no rotations"
c2audit verify log >verify.out || { cat verify.out; fail "the trail is not intact"; }
tail -1 verify.out
trailcat log >r.bin || fail "trailcat"
opens=$(reccheck grep r.bin syscall=openat | wc -l)
[ "$opens" = 16000 ] || fail "$opens opens in the trail, not the workload's 16000"

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
