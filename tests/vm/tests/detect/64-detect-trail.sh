# `c2audit detect` over c2auditd's trail (--trail, and files given) and
# over a raw record stream: the rename-over variant of the simulator and
# its EVP_SealInit mode flagged MAJ with Match within their first 10
# files; JSON lines; settings from a file change the verdict; --stats; a
# bad settings file and a truncated record file are clear errors; and
# --follow, unprivileged, beside c2auditd.
. /tests/lib.sh

load_module default_rules=0
detect_rules
make_tree a 2 10
make_tree b 2 10
auditd_conf "$PWD/log"
start_auditd
ransim -o "$PWD/a" >a.files &
ra=$!
wait $ra || fail "ransim -o"
ransim -m seal "$PWD/b" >b.files &
rb=$!
wait $rb || fail "ransim -m seal"
stop_auditd

status=0
c2audit detect --stats --trail --conf auditd.conf >alerts 2>stats || status=$?
[ $status = 1 ] || fail "detect exited $status, not 1 for MAJ: $(cat stats)"
cat stats
grep -q 'ns per event in the detector' stats || fail "no cost in --stats"
# within_10 PID FILES PATTERN: its first MAJ Match names one of its first 10 files
within_10() {
	line=$(grep -m 1 "^$1  *$3  *MAJ  *Match " alerts) || fail "no MAJ Match of $1"
	file=${line##* }
	n=$(grep -n -x "$file" "$2" | cut -d: -f1)
	[ -n "$n" ] && [ "$n" -le 10 ] || fail "$1: first MAJ Match at ${n:-?} ($line)"
	echo "$line (file $n)"
}
within_10 $ra a.files Ren
within_10 $rb b.files Del
grep -q "^$ra  *Ren  *MAJ  *Match  *.... .*/a/d1/f1.aes -> .*/a/d1/f1$" alerts ||
	fail "no rename-over of a/d1/f1"

c2audit detect --json --level MAJ log/trail-*.c2a >alerts.json || true
[ -s alerts.json ] || fail "no JSON alerts"
grep -v '^{"time":"[^"]*","pid":[0-9]*,"tid":[0-9]*,"comm":".*","flag":"MAJ",.*,"cpu":[0-9]*,"seq":[0-9]*}$' alerts.json &&
	fail "lines above are not MAJ alerts as JSON"
grep -q "\"pid\":$ra,.*\"type\":\"rename\",\"flag\":\"MAJ\",\"match\":true,\"pattern\":\"rename-over\"" alerts.json ||
	fail "no rename-over in JSON"
grep -q "\"pid\":$rb,.*\"type\":\"enc\",.*\"file\":\"libcrypto.so.3:EVP_SealInit\",\"library\":\"/lib/x86_64-linux-gnu/libcrypto.so.3\"" alerts.json ||
	fail "no EVP_SealInit in JSON"

# Without rename-over, and no MAJ for many matches: only the seal run is MAJ.
printf '# tuned\npatterns = copy-delete,rename-away\nmatch_major=0   # only with crypto\n' >det.conf
c2audit detect -c det.conf --trail --conf auditd.conf >tuned || true
grep -q "^$ra .* MAJ " tuned && fail "rename-over still flagged with patterns=copy-delete,rename-away"
grep -q "^$rb  *Del  *MAJ  *Match " tuned || fail "the seal run is not MAJ with det.conf"

printf 'threshold.open=lots\n' >bad.conf
status=0
c2audit detect -c bad.conf --trail >/dev/null 2>err || status=$?
[ $status = 2 ] || fail "a bad settings file: exit $status"
grep -q "bad.conf:1: 'threshold.open=lots': expected a number" err || fail "$(cat err)"

# A raw stream, as collect writes it: the same verdict; cut short: an error.
make_tree c 1 3
start_collect r.bin
ransim "$PWD/c" >c.files &
rc=$!
wait $rc
stop_collect
c2audit detect r.bin >raw.alerts && fail "no MAJ over the raw stream"
grep -q "^$rc  *Del  *MAJ  *Match " raw.alerts || fail "raw: $(cat raw.alerts)"
head -c 1000 r.bin >cut.bin
status=0
c2audit detect cut.bin >/dev/null 2>err || status=$?
[ $status = 1 ] || fail "a truncated file: exit $status"
grep -q "cut.bin: ends in the middle of record 1" err || fail "$(cat err)"

# Live beside c2auditd: --follow reads the trail as it grows, from its
# end (the runs above are not news), as an unprivileged member of the
# trail's log_group.
chmod 755 "$PWD"
auditd_conf "$PWD/log" log_group=1000
start_auditd
runas 1000 1000 c2audit detect --follow --conf "$PWD/auditd.conf" \
	>follow.alerts 2>follow.err &
fpid=$!
sleep 1
make_tree d 1 3
ransim "$PWD/d" >d.files &
rd=$!
wait $rd || fail "ransim"
sleep 2
kill -INT $fpid
status=0
wait $fpid || status=$?
stop_auditd
cat follow.err
[ $status = 1 ] || fail "detect --follow exited $status, not 1 for MAJ"
grep -q "^$rd  *Del  *MAJ  *Match " follow.alerts || fail "--follow: $(cat follow.alerts)"
grep -q "^$ra " follow.alerts && fail "--follow showed events from before it started"
exit 0
