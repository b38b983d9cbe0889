# c2auditd with two outputs from its configuration file: a JSON lines
# file and rsyslog over TCP through a Lua filter. Each delivers exactly
# what the trail holds (after its filter), the file across a rotation by
# others (SIGHUP reopens it); c2audit status shows the outputs while the
# daemon runs, its outputs' threads at SCHED_IDLE; c2auditd -n refuses a
# broken script with its file:line.
. /tests/lib.sh
. /tests/outlib.sh

load_module
rsyslog_conf rs.conf 5514 got.log
start_rsyslog rs.conf
cat >keep.lua <<'EOF'
-- the collector does not need the audit daemon's own reader changes
function filter(rec)
	return rec.type ~= "config"
end
EOF
auditd_conf "$PWD/log"
cat >>auditd.conf <<EOF

[output json]
type = file
path = $PWD/events.json

[output fleet]
type = remote
host = 127.0.0.1
port = 5514
lua = $PWD/keep.lua
drain_ms = 60000
EOF
c2auditd -n -c auditd.conf | grep -q 'configuration ok' || fail "c2auditd -n"
start_auditd
grep -q "2 outputs started" auditd.log || fail "outputs not started: $(cat auditd.log)"
# The outputs' threads (json's, fleet's two) take only idle CPU time; the
# daemon's own thread keeps its priority (doc/outputs.md).
idle=0
for t in /proc/$AUDITD_PID/task/*; do
	policy=$(awk '{ print $41 }' "$t/stat")
	[ "${t##*/}" = "$AUDITD_PID" ] && [ "$policy" != 0 ] &&
		fail "the daemon's thread runs with policy $policy"
	[ "$policy" = 5 ] && idle=$((idle + 1))
done
[ "$idle" = 3 ] || fail "$idle threads at SCHED_IDLE, not the outputs' 3"
wl open /etc/hostname 300 >/dev/null
sleep 1.5
c2audit status >status.out
cat status.out
grep -q "^outputs:   2 (c2auditd pid $AUDITD_PID, " status.out ||
	fail "status does not show the daemon's outputs"
mv events.json events.json.1
kill -HUP "$AUDITD_PID"
wait_log auditd.log "configuration reloaded" 10
wl open /etc/hostname 300 >/dev/null
stop_auditd
stop_rsyslog
cat auditd.log
[ -s events.json ] || fail "the file was not reopened"

trailcat log >r.bin || fail "trailcat"
cat events.json.1 events.json >events.cat
outcheck -f file -o events.cat r.bin || fail "the file output is not the trail"
state=/run/c2audit/outputs.state
cat $state
outcheck -x drop:type=config -d "$(counter $state fleet resent)" -o got.log r.bin ||
	fail "the remote output is not the trail"
[ "$(($(counter $state fleet delivered) + $(counter $state fleet filtered)))" = \
  "$(counter $state fleet submitted)" ] ||
	fail "not all confirmed before the daemon stopped"

printf 'function filter(r)\n\treturn ]\nend\n' >keep.lua
c2auditd -n -c auditd.conf >check.out 2>&1 && fail "a broken script passed -n"
cat check.out
grep -q "keep.lua:2:" check.out || fail "no file:line for the broken script"
