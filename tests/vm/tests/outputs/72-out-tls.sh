# vm-timeout: 600
# Remote syslog over TLS (OpenSSL) to rsyslog's gtls driver, both sides
# checking the other's certificate. A collector whose certificate does not
# name it gets nothing, and the records wait in the spool directory; the
# next start delivers them first, then a new stream of records, across a
# restart of rsyslog in the middle: each record arrives, the copies only
# of what was resent. (rsyslog's gtls makes DH parameters at each start,
# a minute or more under TCG: hence the timeout.)
. /tests/lib.sh
. /tests/outlib.sh

make_pki
make_records a.bin 600
make_records b.bin 1200
rsyslog_conf rs.conf 6514 got.log tls
start_rsyslog rs.conf
conf() {
	cat <<EOF
[output fleet]
type = remote
host = 127.0.0.1
tls = yes
tls_ca = $PWD/pki/ca.pem
tls_cert = $PWD/pki/auditclient.pem
tls_key = $PWD/pki/auditclient.key
tls_name = $1
spool_dir = $PWD/spool
backoff_min_ms = 100
backoff_max_ms = 400
drain_ms = $2
EOF
}

# The wrong name: refused, kept.
conf elsewhere.example 3000 >wrong.conf
outfeed -c wrong.conf a.bin >feed1.out 2>feed1.err || fail "outfeed: $(cat feed1.err)"
cat feed1.out feed1.err
grep -q "certificate: hostname mismatch" feed1.err || fail "no certificate error"
[ "$(counter feed1.out fleet delivered)" = 0 ] || fail "delivered to a wrong name"
kept=$(counter feed1.out fleet submitted)
ls spool/*.seg >/dev/null || fail "nothing kept in the spool directory"
[ ! -s got.log ] || fail "rsyslog got something"

# The right name (the certificate has the IP address): the spool first,
# then the new records, about 6 s of them, with rsyslog restarted once
# some were sent (and confirmed only at the end: confirm_bytes beyond
# them all).
conf 127.0.0.1 300000 >out.conf
echo "confirm_bytes = 64M" >>out.conf
n=$(($(stat -c %s b.bin) / 512))
outfeed -c out.conf -s state -b 16 -r $((n / 6)) b.bin >feed2.out 2>feed2.err &
feed=$!
wait_sent state fleet
stop_rsyslog
start_rsyslog rs.conf
wait $feed || fail "outfeed: $(cat feed2.err)"
cat feed2.out feed2.err
stop_rsyslog
grep -q "$kept messages of an earlier run" feed2.err || fail "the spool was not read"
[ "$(counter feed2.out fleet resent)" -ge 1 ] ||
	fail "the restart did not come in the middle of the stream"
[ "$(counter feed2.out fleet delivered)" = \
  "$(($(counter feed2.out fleet submitted) + kept))" ] || fail "not every record confirmed"
outcheck -d "$(counter feed2.out fleet resent)" -o got.log a.bin b.bin ||
	fail "lost or changed"
ls spool/*.seg 2>/dev/null && fail "delivered segments left in the spool"
exit 0
