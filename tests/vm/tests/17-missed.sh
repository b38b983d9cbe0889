# Calls a probe cannot follow (no kretprobe instance free) are never lost
# silently: they are counted as missed and reported by loss markers.
. /tests/lib.sh

ip link set lo up
load_module probe_instances=4
start_collect r.bin
blockers 12
stop_collect
reccheck ids r.bin | tee ids.txt
missed=$(status_total missed)
echo "missed: $missed"
[ "$missed" -ge 8 ] || fail "12 accepts with 4 instances: only $missed missed"
n=$(reccheck grep r.bin type=lost | grep -c 'reasons=[a-z_,]*missed')
[ "$n" -ge 1 ] || fail "no loss marker says missed"
lost=$(awk '{ for (i = 1; i < NF; i++) if ($i == "lost") s += $(i + 1) } END { print s + 0 }' ids.txt)
[ "$lost" -ge "$missed" ] || fail "markers report $lost lost, $missed missed"
