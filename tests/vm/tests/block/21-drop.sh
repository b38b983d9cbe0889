# Drop mode with the reader stopped for a while: what does not fit is
# dropped, and loss markers plus delivered records account for every id
# each CPU issued, with no duplicates; the failure action logs the loss.
. /tests/lib.sh

load_module slots=64 failure=1
start_collect r.bin
kill -STOP "$COLLECT_PID"
wl open / 500 >/dev/null &
a=$!
wl open / 500 >/dev/null &
b=$!
wait $a $b
kill -CONT "$COLLECT_PID"
stop_collect
reccheck ids r.bin | tee ids.txt
lost=$(lost_in ids.txt)
[ "$lost" -gt 0 ] || fail "nothing dropped with the reader stopped"
[ "$lost" = "$(status_total dropped)" ] || fail "markers say $lost lost, counters $(status_total dropped)"
reccheck grep r.bin type=lost | grep -q reasons=ring_full || fail "no marker says ring_full"
dmesg | grep -q 'c2audit: lost [0-9]* audit records' || fail "the failure action logged nothing"
