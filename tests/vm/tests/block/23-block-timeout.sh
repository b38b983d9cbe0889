# Strict block mode waits even for a stopped reader, but no longer than the
# timeout: then the record is lost with the reason timeout, and the time
# producers spent waiting is counted.
. /tests/lib.sh

load_module slots=64
c2audit set overflow=block strict=yes block_timeout=300
c2audit status | grep -q 'block (strict, timeout 300 ms)' || fail "settings not shown"
start_collect r.bin
kill -STOP "$COLLECT_PID"
start=$(date +%s)
timeout 120 wl open / 90 >/dev/null || fail "producers did not time out"
took=$(( $(date +%s) - start ))
kill -CONT "$COLLECT_PID"
stop_collect
# Strict and no reader: every record of the checks below would wait out
# the timeout. Back to drop mode while the rings are empty.
c2audit set overflow=drop strict=no
reccheck ids r.bin
reccheck grep r.bin type=lost | grep -q 'reasons=[a-z_,]*timeout' || fail "no marker says timeout"
ns=$(status_total blocked_ns)
echo "workload took ${took}s; producers blocked ${ns}ns"
[ "$ns" -ge 300000000 ] || fail "blocked time $ns ns, less than one timeout"
