# vm-timeout: 900
# Loss on the path of Linux audit's messages is counted exactly: with
# c2auditd stopped (SIGSTOP) its socket fills, and a burst of messages
# (the kernel told not to wait for room: backlog_wait_time 0) overruns
# it, with a CPU hog beside, as on a loaded machine. The kernel retries
# what does not fit, then prints it to its log and drops it uncounted
# (what overflows its retry queue, with backlog limit 256, it counts);
# c2auditd, once it has read its socket empty, has the kernel send what
# it still holds and a record of its own after it (CONFIG_CHANGE of an
# AUDIT_TRIM), so that every serial before it is in the trail or in a
# loss record (reasons=serial_gap, cpu=65535): every message of the
# bursts is one of the two, exactly. Loss records of reason backlog are
# exactly what the kernel counted lost.
. /tests/lib.sh
. /tests/kauditlib.sh
need auditctl kmsg
trap 'kill "$hog" 2>/dev/null || true; users_cleanup; cleanup' EXIT
load_module
c2audit rules flush
kaudit_start own
auditctl --backlog_wait_time 0 >/dev/null || fail "auditctl --backlog_wait_time 0"
lost0=$(auditctl -s | sed -n 's/^lost //p')

# read_empty: c2auditd has read its socket empty (so it has read the
# overrun, which comes first)
read_empty() {
	for _ in $(seq 1200); do
		[ "$(awk -v p="$AUDITD_PID" '$2 == 9 && $3 == p { print $5 }' /proc/net/netlink)" = 0 ] &&
			return 0
		sleep 0.1
	done
	fail "c2auditd did not read its socket empty in 120 s"
}

# syncs: how many times the kernel has sent c2auditd all it held after
# an overrun (an overrun that comes again before c2auditd has read its
# socket empty takes no sync of its own)
syncs() {
	grep -c 'it has sent all it held after the overrun' auditd.log || true
}

# synced N: more than N syncs
synced() {
	for _ in $(seq 1200); do
		[ "$(syncs)" -gt "$1" ] && return 0
		sleep 0.1
	done
	cat auditd.log
	fail "c2auditd did not get back in step with the kernel in 120 s"
}

# burst: 26,000 messages while c2auditd is stopped, then c2auditd reads
# its socket empty, and after an overrun until the kernel has sent it all
# it held. Returns 1 when the socket did not overrun.
burst() {
	synced0=$(syncs)
	kill -STOP "$AUDITD_PID"
	refused=$(kmsg 26000 c2a-burst) || fail "kmsg"
	[ "$refused" = 0 ] || fail "the kernel refused $refused messages"
	n=$((n + 26000))
	kill -CONT "$AUDITD_PID"
	read_empty
	new=$(grep -c 'overflowed the socket' auditd.log || true)
	[ "$new" -gt "$overruns" ] || return 1
	overruns=$new
	synced "$synced0"
}

( while :; do :; done ) &
hog=$!
# Bursts until one overruns what the socket holds (about 21,000; on a
# slow guest the first may not) and the kernel drops some of them.
n=0 overruns=0
for round in 1 2 3; do
	burst && grep -q 'never came' auditd.log && break
done
# One more with a backlog limit of 256: the kernel's retry queue, that
# small, overflows, and it counts lost what it drops then (they took
# serials: in a serial gap too).
auditctl -b 256 >/dev/null || fail "auditctl -b 256"
# Its send timeouts (100 ms) run in real time: on a guest starved of CPU
# by a busy host they may let the queue drain before it holds 256, and
# the kernel counts nothing. Then again, twice at most.
for round in 1 2 3; do
	burst || fail "no overrun with a backlog limit of 256"
	[ $(( $(auditctl -s | sed -n 's/^lost //p') - lost0 )) -gt 0 ] && break
done
kill "$hog"
lost=$(( $(auditctl -s | sed -n 's/^lost //p') - lost0 ))
pid=$AUDITD_PID
echo "$n messages in bursts, $overruns overruns: the kernel counted $lost lost"
stop_auditd
grep 'kernel audit' auditd.log
trailcat "$PWD/log" >r.bin || fail "trailcat"
c2audit verify "$PWD/log" || fail "verify"
reccheck ids r.bin | tee ids.txt || fail "the ids of the trail's streams"
in_trail=$(reccheck grep r.bin type=user msgtype=USER | grep -c 'c2a-burst-' || true)
c2audit report --conf auditd.conf --type lost | grep ' cpu=65535 ' >lost.txt || true
head -5 lost.txt
# lost_sum REASON: the count of the stream's loss records of that reason
lost_sum() {
	awk -v r="$1" '$0 ~ "reasons=" r { for (i = 1; i <= NF; i++) if ($i ~ /^count=/) { sub(/^count=/, "", $i); s += $i } }
		END { print s + 0 }' lost.txt
}
backlog=$(lost_sum backlog)
gaps=$(lost_sum serial_gap)
echo "$in_trail in the trail; loss records: $backlog backlog, $gaps serial_gap"
grep -q 'reasons=sockbuf' lost.txt && fail "an overrun of c2auditd's own socket made a loss record of unknown count"
[ "$gaps" -gt 0 ] || fail "the bursts lost nothing: the test proves nothing"
[ "$lost" -gt 0 ] || fail "the kernel counted none lost: the test proves nothing of backlog records"
[ "$backlog" = "$lost" ] || fail "loss records count $backlog lost by the kernel, the kernel $lost"
# the kernel's lost ones it had accepted are in serial gaps too
[ $((in_trail + gaps)) = "$n" ] || fail "$in_trail in the trail + $gaps never came is not the $n sent"
total=$((backlog + gaps))
c2audit summary --conf auditd.conf | grep -Eq "^ +$total +user$" ||
	fail "summary's lost_cpu has no row user with $total"
# c2auditd's own step back: the kernel's record of it, and the backlog
# limit the test set is still in force
reccheck grep r.bin type=user msgtype=CONFIG_CHANGE | grep -q "pid=$pid .*op=trim" ||
	fail "no CONFIG_CHANGE of c2auditd's AUDIT_TRIM in the trail"
[ "$(auditctl -s | sed -n 's/^backlog_limit //p')" = 256 ] ||
	fail "the backlog limit is no longer the test's 256"
