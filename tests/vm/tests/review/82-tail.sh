# c2audit tail -f follows the trail as c2auditd writes it: across a
# rotation and a daemon restart, each new event once.
. /tests/lib.sh

# wait_lines FILE N: until FILE has N lines (tail polls the trail).
wait_lines() {
	for _ in $(seq 100); do
		[ "$(wc -l <"$1")" -ge "$2" ] && return 0
		sleep 0.1
	done
	fail "$1 has $(wc -l <"$1") lines, not $2: $(cat "$1")"
}

load_module
auditd_with_rules "audit syscall=openat,open"
wl open /etc/group 3 >/dev/null
c2audit tail -f -n 0 --conf auditd.conf --path /etc/group >follow.txt &
tail_pid=$!
sleep 1
wl open /etc/group 5 >/dev/null
wait_lines follow.txt 5
rotate_auditd
wl open /etc/group 6 >/dev/null
wait_lines follow.txt 11
stop_auditd
start_auditd
wl open /etc/group 4 >/dev/null
wait_lines follow.txt 15
sleep 1
kill -INT $tail_pid
wait $tail_pid || fail "tail -f did not exit 0 on SIGINT"
[ "$(wc -l <follow.txt)" = 15 ] || fail "tail -f printed $(wc -l <follow.txt) events, not 15"
[ "$(sort -u follow.txt | wc -l)" = 15 ] || fail "tail -f printed an event twice"

c2audit tail -n 2 --json --conf auditd.conf --path /etc/group >last.json
[ "$(jsoncheck path <last.json)" = '"/etc/group"
"/etc/group"' ] || fail "tail --json: $(cat last.json)"
stop_auditd
