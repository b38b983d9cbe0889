# The collector is down: the records go to the spool, to disk beyond
# spool_mem; at spool_max the oldest are dropped and counted. The spool
# outlives the sender; once the collector is back the next start delivers
# what it kept: exactly the records not dropped, dropped exactly the
# oldest.
. /tests/lib.sh
. /tests/outlib.sh

make_records r.bin 1500
rsyslog_conf rs.conf 5514 got.log
cat >out.conf <<EOF
[output fleet]
type = remote
host = 127.0.0.1
port = 5514
spool_dir = $PWD/spool
spool_mem = 64K
spool_max = 256K
spool_full = drop-oldest
backoff_min_ms = 100
backoff_max_ms = 200
drain_ms = 1000
EOF
outfeed -c out.conf r.bin >feed1.out 2>feed1.err || fail "outfeed: $(cat feed1.err)"
cat feed1.out feed1.err
dropped=$(counter feed1.out fleet dropped)
[ "$(counter feed1.out fleet delivered)" = 0 ] || fail "delivered to nobody"
[ "$dropped" -gt 0 ] || fail "the spool's bound was not reached"
[ "$(counter feed1.out fleet spooled)" -gt 0 ] || fail "nothing went to disk"
[ "$(counter feed1.out fleet errors)" -gt 0 ] || fail "no connection error"
# on disk: up to spool_max, and what memory held at the stop (plus an
# 8-byte header a file)
bytes=$(cat spool/*.seg | wc -c)
files=$(ls spool/*.seg | wc -l)
echo "spool: $bytes bytes in $files files"
[ "$bytes" -le $(((256 + 64) * 1024 + 8 * files)) ] || fail "the spool holds $bytes bytes"

start_rsyslog rs.conf
sed -i 's/drain_ms = 1000/drain_ms = 120000/' out.conf
outfeed -c out.conf /dev/null >feed2.out 2>feed2.err || fail "outfeed: $(cat feed2.err)"
cat feed2.out feed2.err
stop_rsyslog
[ "$(counter feed2.out fleet delivered)" = \
  "$(($(counter feed1.out fleet submitted) - dropped))" ] || fail "delivered count"
outcheck -l "$dropped" -o got.log r.bin ||
	fail "not the oldest dropped, or not all the others delivered"
