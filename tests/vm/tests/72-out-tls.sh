# Remote syslog over TLS (OpenSSL) to rsyslog's gtls driver, both sides
# checking the other's certificate: a collector whose certificate does not
# name it gets nothing, and the records wait in the spool directory for
# the next start, which delivers them; then a restart of rsyslog in the
# middle of the stream, as over plain TCP.
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
ls spool/*.seg >/dev/null || fail "nothing kept in the spool directory"
[ ! -s got.log ] || fail "rsyslog got something"

# The right name (the IP address is in the certificate): the spool of
# the run before is delivered.
conf 127.0.0.1 120000 >out.conf
outfeed -c out.conf /dev/null >feed2.out 2>feed2.err || fail "outfeed: $(cat feed2.err)"
cat feed2.out feed2.err
grep -q "messages of an earlier run" feed2.err || fail "the spool was not read"
stop_rsyslog
outcheck -o got.log a.bin || fail "the spooled records were not delivered as sent"
ls spool/*.seg 2>/dev/null && fail "delivered segments left in the spool"

# A restart in the middle of the stream.
rm -f got.log
start_rsyslog rs.conf
n=$(($(stat -c %s b.bin) / 512))
outfeed -c out.conf -b 16 -r $((n / 6)) b.bin >feed3.out 2>feed3.err &
feed=$!
sleep 2
stop_rsyslog
sleep 0.5
start_rsyslog rs.conf
wait $feed || fail "outfeed: $(cat feed3.err)"
cat feed3.out feed3.err
stop_rsyslog
[ "$(counter feed3.out fleet resent)" -ge 1 ] ||
	fail "the restart did not come in the middle of the stream"
[ "$(counter feed3.out fleet delivered)" = "$(counter feed3.out fleet submitted)" ] ||
	fail "not every record confirmed"
outcheck -d "$(counter feed3.out fleet resent)" -o got.log b.bin ||
	fail "lost or changed across the restart"
