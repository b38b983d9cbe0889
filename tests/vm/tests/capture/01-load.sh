# The module loads, makes a 0600 /dev/audit, reports status, rejects bad
# parameters, and unloads leaving nothing behind.
. /tests/lib.sh

load_module
ls -l /dev/audit | grep -q '^crw-------' || fail "device mode: $(ls -l /dev/audit)"
c2audit status
c2audit status --json | grep -q '"enabled":true' || fail "not enabled at load"
c2audit status --json | grep -q '"slots_per_cpu":4096' || fail "default geometry"
unload_module
[ ! -e /dev/audit ] || fail "/dev/audit left after unload"
c2audit status 2>err && fail "status without the module succeeded"
grep -q 'modprobe c2audit' err || fail "status error does not say what to do: $(cat err)"

insmod "$KO" slots=100 2>/dev/null && fail "slots=100 accepted"
dmesg | grep -q 'slots=100: need a power of two' || fail "no reason logged for slots=100"
insmod "$KO" wakeup_ms=0 2>/dev/null && fail "wakeup_ms=0 accepted"

load_module enable=0 slots=64
c2audit status --json | grep -q '"enabled":false' || fail "enable=0 ignored"
c2audit status --json | grep -q '"slots_per_cpu":64' || fail "slots=64 ignored"
for p in slots enable wakeup_ms; do
	modinfo -p "$KO" 2>/dev/null | grep -q "^$p" ||
		grep -q "parm=$p:" "$KO" || fail "parameter $p undocumented"
done
