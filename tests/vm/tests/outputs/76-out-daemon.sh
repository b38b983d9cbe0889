# The outputs in their own process: c2auditd writes the trail, readable
# by log_group; c2audit-forward, unprivileged (not root, no capability),
# follows it with two outputs from the configuration file: a JSON lines
# file and rsyslog over TCP through a Lua filter. Each delivers exactly
# what the trail holds (after its filter), the file across a rotation by
# others (SIGHUP reopens it), and the seal of the file when c2auditd
# stops, with its record count and last chain value; c2audit status
# shows the outputs; their threads run at SCHED_IDLE; -n refuses a
# broken script with its file:line.
. /tests/lib.sh
. /tests/outlib.sh

load_module
rsyslog_conf rs.conf 5514 got.log
start_rsyslog rs.conf
fwd_dirs
cat >keep.lua <<'EOF2'
-- the collector does not need the audit daemon's own reader changes
function filter(rec)
	return rec.type ~= "config"
end
EOF2
auditd_conf "$PWD/log" log_group=$FWD_UID
cat >>auditd.conf <<EOF2

[output json]
type = file
path = $PWD/out/events.json

[output fleet]
type = remote
host = 127.0.0.1
port = 5514
lua = $PWD/keep.lua
drain_ms = 60000
EOF2
c2auditd -n -c auditd.conf | grep -q 'configuration ok' || fail "c2auditd -n"
c2audit-forward -n -c auditd.conf | grep -q 'configuration ok: 2 outputs' ||
	fail "c2audit-forward -n"
c2audit-forward -c auditd.conf -p fwd/position 2>root.err &&
	fail "c2audit-forward ran as root"
grep -q "never as root" root.err || fail "no word on root: $(cat root.err)"
start_auditd
grep -q "outputs" auditd.log && fail "c2auditd still runs outputs: $(cat auditd.log)"
[ "$(stat -c %a:%g log)" = "2750:$FWD_UID" ] || fail "log_dir is $(stat -c %a:%g log)"
start_forwarder
# The outputs' threads (json's, fleet's two) take only idle CPU time.
idle=0
for t in /proc/$FWD_PID/task/*; do
	policy=$(awk '{ print $41 }' "$t/stat")
	[ "$policy" = 5 ] && idle=$((idle + 1))
done
[ "$idle" = 3 ] || fail "$idle threads at SCHED_IDLE, not the outputs' 3"
wl open /etc/hostname 300 >/dev/null
sleep 2
c2audit status >status.out
cat status.out
grep -q "^outputs:   2 (c2audit-forward pid $FWD_PID, " status.out ||
	fail "status does not show the forwarder's outputs"
mv out/events.json out/events.json.1
kill -HUP "$FWD_PID"
sleep 0.5
wl open /etc/hostname 300 >/dev/null
stop_auditd
wait_log fwd.log "trail-00000001.c2a sealed (stopped)" 60
stop_forwarder
stop_rsyslog
cat fwd.log
[ -s out/events.json ] || fail "the file was not reopened"

trailcat log >r.bin || fail "trailcat"
cat out/events.json.1 out/events.json >events.cat
outcheck -f file -s seals.json -o events.cat r.bin || fail "the file output is not the trail"
cat seals.json
[ "$(wc -l <seals.json)" = 1 ] || fail "not one seal"
trail=log/trail-00000001.c2a
grep -q "\"file\":\"trail-00000001.c2a\",\"file_seq\":1,\"records\":$(($(stat -c %s r.bin) / 512)),\"reason\":\"stop\",\"chain\":\"sha256\",\"mac\":\"$(seal_mac $trail)\"" seals.json ||
	fail "the seal does not say the file's count and last chain value"
state=/run/c2audit-forward/outputs.state
cat $state
outcheck -x drop:type=config -d "$(counter $state fleet resent)" -s rseals.json -o got.log r.bin ||
	fail "the remote output is not the trail"
[ "$(wc -l <rseals.json)" = 1 ] || fail "the collector did not get the seal"
[ "$(($(counter $state fleet delivered) + $(counter $state fleet filtered)))" = \
  "$(counter $state fleet submitted)" ] ||
	fail "not all confirmed before the forwarder stopped"
# a second start goes on after the seal: nothing sent again
wc -l <out/events.json >lines.before
AUDITD_PID=""
start_forwarder
sleep 2
stop_forwarder
[ "$(wc -l <out/events.json)" = "$(cat lines.before)" ] || fail "sent again after a restart"

printf 'function filter(r)\n\treturn ]\nend\n' >keep.lua
c2audit-forward -n -c auditd.conf >check.out 2>&1 && fail "a broken script passed -n"
cat check.out
grep -q "keep.lua:2:" check.out || fail "no file:line for the broken script"
