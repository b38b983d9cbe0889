# Remote syslog over plain TCP to Debian's rsyslog: every record arrives,
# byte for byte as RFC 5424 says, and across a restart of rsyslog in the
# middle of the stream nothing is lost: what was unconfirmed is sent
# again, and the copies are exactly the duplicates (same id) outcheck
# finds, no more than the output says it resent.
. /tests/lib.sh
. /tests/outlib.sh

make_records r.bin 1500
rsyslog_conf rs.conf 5514 got.log
start_rsyslog rs.conf
cat >out.conf <<EOF
[output fleet]
type = remote
host = 127.0.0.1
port = 5514
confirm_bytes = 32K
backoff_min_ms = 100
backoff_max_ms = 400
drain_ms = 120000
EOF

# Plain delivery first, the whole file at once.
outfeed -c out.conf r.bin >feed1.out 2>feed1.err || fail "outfeed: $(cat feed1.err)"
cat feed1.out
stop_rsyslog
outcheck -o got.log r.bin || fail "records not delivered as sent"
[ "$(counter feed1.out fleet delivered)" = "$(counter feed1.out fleet submitted)" ] ||
	fail "not every record confirmed"

# Again, with rsyslog restarted while the records stream (about 6 s of
# them), once some were sent: confirmed only at the end (confirm_bytes
# beyond all of them), so the restart comes while they are unconfirmed.
sed -i 's/^confirm_bytes = .*/confirm_bytes = 64M/' out.conf
rm -f got.log
start_rsyslog rs.conf
n=$(($(stat -c %s r.bin) / 512))
outfeed -c out.conf -s state -b 16 -r $((n / 6)) r.bin >feed2.out 2>feed2.err &
feed=$!
wait_sent state fleet
stop_rsyslog
sleep 0.5
start_rsyslog rs.conf
wait $feed || fail "outfeed: $(cat feed2.err)"
cat feed2.out feed2.err
stop_rsyslog
[ "$(counter feed2.out fleet resent)" -ge 1 ] ||
	fail "the restart did not come in the middle of the stream"
[ "$(counter feed2.out fleet delivered)" = "$(counter feed2.out fleet submitted)" ] ||
	fail "not every record confirmed"
outcheck -d "$(counter feed2.out fleet resent)" -o got.log r.bin ||
	fail "lost or changed across the restart"
