# After lock: no rule, setting or geometry change and no unload, even
# forced; every attempt is refused with EPERM and audited. Last of the
# suite: the module stays until the guest reboots.
. /tests/lib.sh

load_module
printf 'audit syscall=openat,delete_module key=x\n' >rules
c2audit rules load rules >/dev/null
c2audit rules list >before
start_collect r.bin

# A rules file is applied whole or not at all: under c2auditd's unit
# without CAP_SYS_ADMIN its uprobe cannot be set, so nothing changes.
unit_caps=$(sed -n 's/^CapabilityBoundingSet=//p' /etc/c2audit/c2auditd.service)
printf 'audit syscall=openat,delete_module,execve key=y\nuprobe\nlock\n' >all
capdrop $(echo $unit_caps | tr ' ' '\n' | grep -vx CAP_SYS_ADMIN) -- \
	c2audit rules load all 2>err && fail "loaded without CAP_SYS_ADMIN"
grep -q 'CAP_SYS_ADMIN' err || fail "refusal not explained: $(cat err)"
c2audit status | grep -q 'locked:    no' || fail "locked though the load failed"
c2audit rules list | cmp -s - before || fail "rules changed though the load failed"
# Under the unit's own set it applies whole, and locks.
capdrop $unit_caps -- c2audit rules load all >/dev/null ||
	fail "not loaded with the unit's capabilities"
c2audit status | grep -q 'locked:    yes' || fail "status does not say locked"
# The guest's kernel has no lockdown (Debian's: off; the debug kernel:
# none built in): root could undo the lock, and status says so.
mount -t securityfs none /sys/kernel/security 2>/dev/null || true
c2audit status | grep -q 'locked:    yes (against root: only against mistakes, kernel lockdown \(is off\|unknown\)' ||
	fail "status does not say what the lock holds against: $(c2audit status | grep locked)"
c2audit rules flush 2>err && fail "rules flushed after lock"
grep -q 'locked until reboot' err || fail "refusal not explained: $(cat err)"
c2audit rules load rules 2>/dev/null && fail "rules loaded after lock"
c2audit set overflow=block 2>/dev/null && fail "overflow set after lock"
c2audit set enabled=no 2>/dev/null && fail "auditing disabled after lock"
# Root may disarm every kprobe: the syscall hooks are no kprobes and stay;
# the disarming is seen within seconds, recorded and shown; ftrace cannot
# be turned off under the hooks.
mount -t debugfs none /sys/kernel/debug 2>/dev/null || true
sysctl -w kernel.ftrace_enabled=0 2>/dev/null && fail "ftrace turned off under the hooks"
[ "$(cat /proc/sys/kernel/ftrace_enabled)" = 1 ] || fail "ftrace is off"
echo 0 >/sys/kernel/debug/kprobes/enabled
for _ in $(seq 50); do
	c2audit status | grep -q 'kprobes:   DISARMED' && break
	sleep 0.2
done
c2audit status | grep -q 'kprobes:   DISARMED' || fail "disarmed kprobes not shown"
run_wl open /etc/c2audit/c2auditd.conf
disarmed_open=$WL_PID
rmmod -f c2audit 2>/dev/null && fail "forced unload with kprobes disarmed"
echo 1 >/sys/kernel/debug/kprobes/enabled
for _ in $(seq 50); do
	c2audit status | grep -q 'kprobes:   DISARMED' || break
	sleep 0.2
done
c2audit status | grep -q 'kprobes:   DISARMED' && fail "kprobes armed again, still shown disarmed"
rmmod c2audit 2>err && fail "unloaded after lock"
grep -q 'Operation not permitted' err || fail "rmmod: $(cat err)"
rmmod -f c2audit 2>/dev/null && fail "forced unload after lock"
grep -q '^c2audit ' /proc/modules || fail "the module is gone"
stop_collect
expect_event r.bin type=config item=lock new=1
expect_event r.bin type=config item=hooks new=1 result=-131 err=ENOTRECOVERABLE
expect_event r.bin type=config item=hooks old=1 result=0
expect_event r.bin syscall=openat pid=$disarmed_open key=y
c2audit rules list | grep -q '^uprobe ' || fail "the uprobes of the locked file are not set"
expect_event r.bin type=config item=rules_flush result=-1 err=EPERM
expect_event r.bin type=config item=uprobe result=-1 err=EPERM
expect_event r.bin type=config item=rules_load result=-1 err=EPERM
expect_event r.bin type=config item=overflow result=-1 err=EPERM
expect_event r.bin type=config item=enabled result=-1 err=EPERM
expect_event r.bin type=config item=unload result=-1 err=EPERM comm=rmmod
expect_event r.bin syscall=delete_module module=c2audit exit=-1 err=EPERM
