# Block mode never waits for a reader that is stopped or gone (unless
# strict): a stopped reader, then a killed one, hold no producer, and what
# did not fit is lost with the reason noreader.
. /tests/lib.sh

load_module slots=64
c2audit set overflow=block block_timeout=0
start_collect r.bin
kill -STOP "$COLLECT_PID"
timeout 120 wl open / 400 >/dev/null || fail "producers waited for a stopped reader"
kill -CONT "$COLLECT_PID"
stop_collect
reccheck ids r.bin
reccheck grep r.bin type=lost | grep -q 'reasons=[a-z_,]*noreader' ||
	fail "no marker says noreader"

# A reader killed while producers wait for it lets them go.
start_collect r2.bin -b 8 -d 200
wl open / 2000 >/dev/null &
w=$!
sleep 2
kill -KILL "$COLLECT_PID"
COLLECT_PID=""
timeout 120 sh -c "while kill -0 $w 2>/dev/null; do sleep 0.2; done" ||
	fail "producers still wait for a killed reader"
