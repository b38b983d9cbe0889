# Ids are contiguous per CPU; where records are dropped, loss markers name
# exactly the missing ids, and the counters agree with the stream.
. /tests/lib.sh

load_module slots=64
# No reader: the rings fill and the rest is dropped with accounting.
wl open / 400 >/dev/null &
a=$!
wl open / 400 >/dev/null &
b=$!
wait $a $b
[ "$(status_total dropped)" -gt 0 ] || fail "nothing dropped with no reader and 64 slots"
start_collect r.bin
stop_collect
dropped=$(status_total dropped)
reccheck ids r.bin | tee ids.txt
lost=$(awk '{ for (i = 1; i < NF; i++) if ($i == "lost") s += $(i + 1) } END { print s + 0 }' ids.txt)
[ "$lost" = "$dropped" ] || fail "markers report $lost lost, counters $dropped"

# With a reader keeping up, parallel producers on both CPUs.
start_collect r2.bin
wl open / 1000 >/dev/null &
a=$!
wl open / 1000 >/dev/null &
b=$!
wait $a $b
stop_collect
reccheck ids r2.bin
opens=$(reccheck grep r2.bin syscall=openat name=/ | wc -l)
lost=$(reccheck ids r2.bin | awk '{ for (i = 1; i < NF; i++) if ($i == "lost") s += $(i + 1) } END { print s + 0 }')
echo "opens seen $opens, lost $lost"
[ $((opens + lost)) -ge 2000 ] || fail "only $opens opens + $lost lost of 2000"
