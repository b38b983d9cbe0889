# LSM events in the trail, selected by rules (lsm=HOOK...): only the hooks
# and callers the rules select, the rule's key, the denial; no probe at
# all while no rule or trace wants a hook; syscall probes back to the
# rules' set once a trace ends.
. /tests/lib.sh

echo secret >/tmp/secret
chmod 600 /tmp/secret
ino=$(stat -c %i /tmp/secret)
mount -t debugfs none /sys/kernel/debug 2>/dev/null || true
probes=/sys/kernel/debug/kprobes/list
load_module default_rules=0
grep -q 'security_\|inode_permission' $probes && fail "LSM hooks probed while off"

printf '%s\n' 'audit lsm=inode_permission,file_open uid=65534 success=no key=denied' \
	'audit syscall=openat uid=65534' >rules
c2audit rules load rules >/dev/null
c2audit rules list >l1
cat l1
grep -qx 'audit lsm=file_open,inode_permission success=no uid=65534 key=denied' l1 ||
	fail "the lsm rule does not list back"
c2audit rules load l1 >/dev/null && c2audit rules list | cmp - l1 || fail "no round trip"
grep -q 'inode_permission' $probes || fail "inode_permission not probed"
grep -q 'security_capable' $probes && fail "a hook no rule selects is probed"
c2audit status | grep -q 'audited: file_open inode_permission' || fail "status does not say"

start_collect r.bin
runas 65534 65534 cat /tmp/secret >/dev/null 2>&1 &
bad=$!
wait $bad || true
cat /tmp/secret >/dev/null
stop_collect
expect_event r.bin type=lsm hook=inode_permission pid=$bad uid=65534 ino=$ino \
	result=-13 decision=denied err=EACCES key=denied in_syscall=openat mask=read,open
expect_none r.bin type=lsm decision=allowed
expect_none r.bin type=lsm uid=0
reccheck ids r.bin || fail "ids are not contiguous"

# Rules of hooks take no syscall condition.
c2audit rules add audit lsm=capable syscall=openat 2>err && fail "lsm= with syscall= was taken"
grep -q 'lsm= selects hook events only' err || fail "not explained: $(cat err)"

# A trace hooks every syscall and its hooks; afterwards only the rules'.
c2audit trace --lsm -- true >/dev/null
grep -q '__x64_sys_execve' $probes && fail "execve still hooked after the trace"
grep -q 'security_capable' $probes && fail "a traced hook stayed"
grep -q 'inode_permission' $probes || fail "the rules' hook went with the trace"
c2audit rules flush >/dev/null
grep -q 'security_\|inode_permission' $probes && fail "LSM hooks probed after the flush"
true
