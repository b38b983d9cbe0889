# vm-timeout: 600
# Loss on the path of Linux audit's messages is counted and shown: with
# c2auditd stopped (SIGSTOP) its socket fills, and a burst of messages
# (the kernel told not to wait for room: backlog_wait_time 0) overruns
# it. The kernel gives up sending some (to its log: reasons=serial_gap)
# and refuses others (its backlog full, counted lost: reasons=backlog);
# every message of the burst is in the trail or counted in its loss
# records (cpu=65535), and those of reason backlog are exactly what the
# kernel counted lost.
. /tests/lib.sh
. /tests/kauditlib.sh
need auditctl kmsg
trap 'users_cleanup; cleanup' EXIT
load_module
c2audit rules flush
kaudit_start own
auditctl --backlog_wait_time 0 >/dev/null || fail "auditctl --backlog_wait_time 0"
lost0=$(auditctl -s | sed -n 's/^lost //p')

# status FIELD: a number of the kernel's audit status
status() {
	auditctl -s | sed -n "s/^$1 //p"
}

# Until the kernel has handed c2auditd all it holds, c2auditd its audit
# daemon again (a send to its full socket makes the kernel drop it, and
# it registers again): what was not lost is then in the trail, and the
# next message reaches it, on a slow machine too.
drained() {
	for _ in $(seq 600); do
		[ "$(status backlog)" = 0 ] && [ "$(status pid)" = "$AUDITD_PID" ] &&
			return 0
		sleep 0.1
	done
	fail "after 60 s the kernel holds $(status backlog) messages, its daemon is pid $(status pid)"
}

# Bursts of 26,000 while c2auditd is stopped, until one overruns what the
# socket and the kernel's backlog hold (on a slow guest the first one may
# not): c2auditd says so in its log, by either reason.
n=0
for round in 1 2 3; do
	kill -STOP "$AUDITD_PID"
	kmsg 26000 c2a-burst >/dev/null || fail "kmsg"
	n=$((n + 26000))
	kill -CONT "$AUDITD_PID"
	drained
	# the next message shows the serials that never came before it
	kmsg 1 c2a-after >/dev/null || fail "kmsg"
	sleep 1
	grep -q 'kernel audit: the kernel lost\|never came' auditd.log && break
done
lost=$(( $(status lost) - lost0 ))
echo "$round bursts: the kernel counted $lost of $n messages lost"
stop_auditd
trailcat "$PWD/log" >r.bin || fail "trailcat"
c2audit verify "$PWD/log" || fail "verify"
reccheck ids r.bin | tee ids.txt || fail "the ids of the trail's streams"
in_trail=$(reccheck grep r.bin type=user msgtype=USER | grep -c 'c2a-burst-\|c2a-after-' || true)
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
[ $((backlog + gaps)) -gt 0 ] || fail "the burst lost nothing: the test proves nothing"
[ "$backlog" = "$lost" ] || fail "loss records count $backlog lost to the backlog, the kernel $lost"
# each round's c2a-after came, and showed the gap before it
[ $((in_trail - round + backlog + gaps)) = "$n" ] ||
	fail "$in_trail - $round + $backlog + $gaps is not the $n sent"
total=$((backlog + gaps))
c2audit summary --conf auditd.conf | grep -Eq "^ +$total +user$" ||
	fail "summary's lost_cpu has no row user with $total"
