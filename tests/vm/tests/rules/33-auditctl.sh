# auditctl's rules, loaded as they are, decided in the kernel as Linux
# audit decides them: watches by access class (-p wa: writes and attribute
# changes, not reads), results (exit=-EACCES), loginuid ranges, argument
# masks, ids compared as the call left them (a set-uid exec), i386 calls
# by their number.
. /tests/lib.sh

load_module default_rules=0
mkdir -p /tmp/actl/w
echo x >/tmp/actl/w/f
echo s >/tmp/actl/secret
chmod 600 /tmp/actl/secret
echo o >/tmp/actl/other
chmod 644 /tmp/actl/other
cp /bin/wl /tmp/actl/suidwl
chmod 4755 /tmp/actl/suidwl

cat >a.rules <<'EOF'
# a file in auditctl's syntax, as Debian's examples
-D
-b 8192
-f 1
-w /tmp/actl/w/f -p wa -k watch
-a always,exit -F arch=b64 -S open,openat -F exit=-EACCES -F auid>=1000 -F auid!=unset -k access
-a always,exit -F arch=b64 -S open,openat -F exit=-EPERM -F auid>=1000 -F auid!=unset -k access
-a always,exit -F arch=b64 -S openat -F a2&0100 -F dir=/tmp/actl/c -k create
-a always,exit -F arch=b64 -S execve -C uid!=euid -F euid=0 -k setuid
-a always,exit -F arch=b32 -S chown -k chown16
EOF
c2audit rules check a.rules || fail "the auditctl file does not parse"
c2audit rules import a.rules >imported || fail "import failed"
grep -q '^audit .*perm=wa file=/tmp/actl/w/f key=watch$' imported || fail "the watch: $(cat imported)"
c2audit rules load a.rules >/dev/null || fail "the auditctl file did not load"

# as_user CMD...: run CMD as uid 1000 with loginuid 1000, print its pid
as_user() {
	sh -c 'echo 1000 >/proc/self/loginuid && exec runas 1000 1000 "$@"' sh "$@" >o &
	wait $! || true
	head -n 1 o
}

mkdir -p /tmp/actl/c
start_collect r.bin
# the watch: a read is not audited, a write and a chmod are; openat2's
# access is known at its return only (its flags are in user memory), the
# others' at their entry, where a read is passed
cat /tmp/actl/w/f >/dev/null
echo y >>/tmp/actl/w/f
chmod 600 /tmp/actl/w/f
run_wl openat2 /tmp/actl/w/f ro
o2read=$WL_PID
run_wl openat2 /tmp/actl/w/f wo
o2write=$WL_PID
# failed opens by a user: EACCES is audited, ENOENT is not
denied=$(as_user wl open /tmp/actl/secret)
missing=$(as_user wl open /tmp/actl/nonexistent)
# O_CREAT in openat's flags, under /tmp/actl/c
touch /tmp/actl/c/new
run_wl open /tmp/actl/c/new
plain=$WL_PID
# a set-uid program run by the user: its euid is 0 once the execve is done
suid=$(as_user /tmp/actl/suidwl open /tmp/actl/other)
user=$(as_user wl open /tmp/actl/other)
# the 16-bit chown, not chown32
m32=$(m32_chown /tmp/actl/other | head -n 1)
stop_collect

expect_none r.bin key=watch comm=cat
expect_event r.bin key=watch path=/tmp/actl/w/f comm=sh
expect_event r.bin key=watch path=/tmp/actl/w/f comm=chmod
expect_none r.bin pid=$o2read
expect_event r.bin key=watch path=/tmp/actl/w/f syscall=openat2 pid=$o2write
expect_event r.bin key=access pid=$denied exit=-13 auid=1000
expect_none r.bin pid=$missing
expect_event r.bin key=create comm=touch path=/tmp/actl/c/new
expect_none r.bin pid=$plain
expect_event r.bin key=setuid syscall=execve pid=$suid uid=1000 euid=0
expect_none r.bin pid=$user
expect_event r.bin key=chown16 pid=$m32 nr=182
expect_none r.bin pid=$m32 nr=212

# Refused lines fail the load, and name the line, unless skipped.
printf '%s\n' '-a always,exit -F arch=b64 -S open -k ok' '-a always,exit -S all -k all' >b.rules
c2audit rules load b.rules 2>err && fail "-S all loaded"
grep -q 'b.rules:2: refused: -S all' err || fail "the refusal: $(cat err)"
c2audit rules load --skip-unsupported b.rules 2>err || fail "--skip-unsupported failed"
grep -q 'b.rules:2: skipped' err || fail "the skipped line was not reported"
[ "$(c2audit rules list)" = "audit syscall=open arch=x86_64 key=ok" ] ||
	fail "rules after the skip: $(c2audit rules list)"
unload_module
