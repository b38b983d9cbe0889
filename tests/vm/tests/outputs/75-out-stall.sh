# A collector that takes connections and never reads (rsyslog stopped
# with SIGSTOP) never slows the one feeding the outputs (the daemon,
# after its trail write): feeding takes as long as with no output at
# all, and the records wait in the spool. When rsyslog goes on, every
# record arrives; copies only of what was resent.
. /tests/lib.sh
. /tests/outlib.sh

make_records r.bin 1500
: >none.conf
outfeed -c none.conf r.bin >/dev/null 2>none.err || fail "outfeed: $(cat none.err)"
base=$(sed -n 's/.* fed in \([0-9.]*\) s/\1/p' none.err)

rsyslog_conf rs.conf 5514 got.log
start_rsyslog rs.conf
kill -STOP "$RSYSLOG_PID"
cat >out.conf <<EOF
[output fleet]
type = remote
host = 127.0.0.1
port = 5514
spool_dir = $PWD/spool
spool_mem = 64K
timeout_ms = 3000
backoff_min_ms = 200
backoff_max_ms = 1000
drain_ms = 180000
EOF
outfeed -c out.conf r.bin >feed.out 2>feed.err &
feed=$!
for _ in $(seq 600); do
	grep -q "records fed in" feed.err && break
	sleep 0.1
done
stalled=$(sed -n 's/.* fed in \([0-9.]*\) s/\1/p' feed.err)
echo "fed in $base s without outputs, in $stalled s to a stalled collector"
[ -n "$stalled" ] || fail "feeding did not end: $(cat feed.err)"
awk -v b="$base" -v s="$stalled" 'BEGIN { exit !(s <= 3 * b + 0.5) }' ||
	fail "a stalled collector slowed the feeding"
sleep 5
kill -CONT "$RSYSLOG_PID"
wait $feed || fail "outfeed: $(cat feed.err)"
cat feed.out feed.err
stop_rsyslog
[ "$(counter feed.out fleet dropped)" = 0 ] || fail "records dropped"
[ "$(counter feed.out fleet delivered)" = "$(counter feed.out fleet submitted)" ] ||
	fail "not every record confirmed"
outcheck -d "$(counter feed.out fleet resent)" -o got.log r.bin ||
	fail "lost or changed"
