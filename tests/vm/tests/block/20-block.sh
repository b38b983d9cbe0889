# The historical case: grep -r over thousands of files and parallel
# workers, a small ring and a reader that cannot keep up. In block mode
# producers wait instead of losing: every open of the workload is in the
# trail, nothing is lost, and the producers did wait. The reader reads
# nothing until one has: on a debug kernel, producers are slower than
# even a reader that sleeps after every read.
. /tests/lib.sh

make_tree /tmp/tree 30 100
load_module slots=64
c2audit set overflow=block block_timeout=0
start_collect r.bin -w -b 16 -d 20
wl open /tmp/tree/d1/f1 1000 >w1.out &
w1=$!
wl open /tmp/tree/d2/f2 1000 >w2.out &
w2=$!
grep -r needle /tmp/tree && fail "grep found a needle"
wait $w1 $w2
stop_collect
# Counters as the workload left them; the checks' own records do not count.
c2audit set enabled=no
c2audit status
nodes=$(find /tmp/tree | wc -l)
greps=$(reccheck grep r.bin syscall=openat comm=grep success=yes | wc -l)
echo "grep opened $greps of $nodes files and directories"
[ "$greps" = "$nodes" ] || fail "the trail has $greps opens of grep, not $nodes"
for w in $w1 $w2; do
	n=$(reccheck grep r.bin syscall=openat pid=$w success=yes | grep -c 'name=/tmp/tree/')
	[ "$n" = 1000 ] || fail "worker $w: $n of its 1000 opens in the trail"
done
reccheck ids r.bin | tee ids.txt
[ "$(lost_in ids.txt)" = 0 ] || fail "records lost in block mode"
[ "$(status_total dropped)" = 0 ] || fail "the module counted drops"
[ "$(status_total blocked_total)" -gt 0 ] || fail "no producer ever waited: the ring never filled"
