# The rules decide in the kernel what is audited: a rule limited to one
# uid, exclusion by order, failure-only rules, path prefixes, executables,
# keys in records; syscalls no rule selects are not even hooked; the rules
# list back in the file's grammar (round trip).
. /tests/lib.sh

mkdir -p /tmp/watched /tmp/watchedX /tmp/other
for d in watched watchedX other; do echo x >/tmp/$d/f; done
load_module default_rules=0
[ -z "$(c2audit rules list)" ] || fail "default_rules=0 left rules"

# with_rules TEXT: load these rules and collect while the caller works
with_rules() {
	printf '%s\n' "$1" >rules
	c2audit rules load rules >/dev/null || fail "rules did not load: $1"
	start_collect r.bin
}

opener() {	# opener UID PATH: open PATH as UID, print the pid
	runas "$1" "$1" wl open "$2" >o &
	wait $! || true
	head -n 1 o
}

with_rules "audit syscall=openat uid=1000 key=u1000"
u=$(opener 1000 /tmp/other/f)
r=$(opener 0 /tmp/other/f)
stop_collect
expect_event r.bin syscall=openat pid=$u uid=1000 key=u1000 path=/tmp/other/f
expect_none r.bin syscall=openat pid=$r

with_rules "exclude uid=1000
audit syscall=openat key=all"
u=$(opener 1000 /tmp/other/f)
r=$(opener 0 /tmp/other/f)
stop_collect
# runas opens its libraries as root, before it becomes uid 1000.
expect_none r.bin syscall=openat pid=$u uid=1000
expect_event r.bin syscall=openat pid=$r key=all

with_rules "audit syscall=openat key=all
exclude uid=1000"
u=$(opener 1000 /tmp/other/f)
stop_collect
expect_event r.bin syscall=openat pid=$u key=all

with_rules "audit syscall=openat success=no key=fail"
ok=$(opener 0 /tmp/other/f)
bad=$(opener 0 /tmp/nonexistent)
stop_collect
expect_none r.bin syscall=openat pid=$ok path=/tmp/other/f
expect_event r.bin syscall=openat pid=$bad success=no key=fail

with_rules "audit syscall=@file path=/tmp/watched key=watch"
a=$(opener 0 /tmp/watched/f)
b=$(opener 0 /tmp/watchedX/f)
c=$(opener 0 /tmp/other/f)
stop_collect
expect_event r.bin syscall=openat pid=$a path=/tmp/watched/f key=watch
expect_none r.bin syscall=openat pid=$b
expect_none r.bin syscall=openat pid=$c

with_rules "audit syscall=openat exe=/bin/wl key=wl"
w=$(opener 0 /tmp/other/f)
cat /tmp/other/f >/dev/null &
cat_pid=$!
wait $cat_pid
stop_collect
expect_event r.bin syscall=openat pid=$w exe=/bin/wl key=wl
expect_none r.bin syscall=openat pid=$cat_pid

# Only what the rules select is hooked.
printf 'audit syscall=openat\n' >rules
c2audit rules load rules >/dev/null
mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
hooked=/sys/kernel/tracing/enabled_functions
grep -q '^__x64_sys_openat .*c2a_ftrace_entry' $hooked || fail "openat is not hooked"
grep -q '^__x64_sys_execve ' $hooked && fail "execve is hooked, though no rule selects it"

# Round trip: what list prints loads back to the same list.
c2audit rules load /etc/c2audit/rules.d || fail "the sample rules did not load"
c2audit rules list >l1
[ "$(wc -l <l1)" = "$(cat /etc/c2audit/rules.d/*.rules | grep -c '^[ae][ux]')" ] ||
	fail "not every rule was loaded"
c2audit rules load l1 >/dev/null
c2audit rules list >l2
cmp l1 l2 || fail "rules list does not round-trip"
c2audit rules add --at 0 exclude pid=1 key=first
[ "$(c2audit rules list | head -n 1)" = "exclude pid=1 key=first" ] || fail "add --at 0"
c2audit rules delete 0
c2audit rules list | cmp - l1 || fail "delete did not undo add"
c2audit rules delete 9999 2>err && fail "deleted a rule that is not there"
grep -q 'no rule 9999' err || fail "bad delete not explained: $(cat err)"
