# vm-timeout: 600
# Loss on the path of Linux audit's messages is counted and shown: with
# c2auditd stopped (SIGSTOP), its socket full and the kernel told not to
# wait (backlog_wait_time 0), a burst of messages overruns the kernel's
# backlog; the trail's loss records (cpu=65535, reasons=backlog) account
# for exactly what the kernel counts lost, and every message of the burst
# is in the trail or among them.
. /tests/lib.sh
. /tests/kauditlib.sh
need auditctl kmsg
trap 'users_cleanup; cleanup' EXIT
load_module
c2audit rules flush
kaudit_start own
auditctl --backlog_wait_time 0 >/dev/null || fail "auditctl --backlog_wait_time 0"
lost0=$(auditctl -s | sed -n 's/^lost //p')
kill -STOP "$AUDITD_PID"
n=40000
refused=$(kmsg $n c2a-burst) || fail "kmsg"
kill -CONT "$AUDITD_PID"
lost=$(( $(auditctl -s | sed -n 's/^lost //p') - lost0 ))
echo "the kernel lost $lost of $n messages (kmsg saw $refused refused)"
[ "$lost" -gt 0 ] || fail "the burst did not overrun the kernel's backlog: the test proves nothing"
sleep 3
stop_auditd
trailcat "$PWD/log" >r.bin || fail "trailcat"
c2audit verify "$PWD/log" || fail "verify"
reccheck ids r.bin | tee ids.txt || fail "the ids of the trail's streams"
in_trail=$(reccheck grep r.bin type=user msgtype=USER | grep -c 'c2a-burst-' || true)
marked=$(c2audit report --conf auditd.conf --type lost | awk '
	/ cpu=65535 / { for (i = 1; i <= NF; i++) if ($i ~ /^count=/) { sub(/^count=/, "", $i); s += $i } }
	END { print s + 0 }')
c2audit report --conf auditd.conf --type lost | grep ' cpu=65535 ' | head -3
echo "$in_trail in the trail, $marked in its loss records"
[ "$marked" = "$lost" ] || fail "loss records count $marked, the kernel $lost"
[ $((in_trail + marked)) = "$n" ] || fail "$in_trail + $marked is not the $n sent"
c2audit report --conf auditd.conf --type lost | grep ' cpu=65535 .*reasons=backlog' >/dev/null ||
	fail "no loss record with reasons=backlog"
c2audit summary --conf auditd.conf | grep -Eq "^ +$lost +user$" ||
	fail "summary's lost_cpu has no row user with $lost"
