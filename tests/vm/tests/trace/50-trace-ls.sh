# c2audit trace -- CMD: CMD's syscalls (and its descendants', even once
# reparented), nothing of other processes running meanwhile, CMD's exit
# status; text and JSON.
. /tests/lib.sh

load_module
noise_start

c2audit trace -o t.txt -- /bin/ls / >ls.out || fail "trace of ls / failed"
cat t.txt
grep -q '^proc$' ls.out || fail "ls / did not print its listing: $(cat ls.out)"
root=$(trace_root t.txt)
grep -q " $root ls  *execve path=/bin/busybox name=/bin/ls argc=2 argv0=/bin/ls argv1=/ .*= 0$" t.txt ||
	fail "no execve of ls"
grep -q " $root ls  *openat path=/ name=/ ino=$(stat -c %i /) .*= 3$" t.txt ||
	fail "no open of / by ls"
# ls is one process: every line is its own.
[ "$(awk '$1 != "--" { print $2 }' t.txt | sort -u)" = "$root" ] ||
	fail "events of other pids than ls ($root)"
[ "$(grep -vc ' execve \| openat ' t.txt)" = 0 ] || fail "other calls than execve and openat"

# JSON: one object per line, the same events.
c2audit trace --json -o t.json -- /bin/ls / >/dev/null || fail "trace --json failed"
head -n 3 t.json
grep -q '^{"depth":0,"type":"syscall",.*"syscall":"execve",.*"argv":\["/bin/ls","/"\]' t.json ||
	fail "no execve object"
grep -q '"syscall":"openat",.*"path":"/"' t.json || fail "no openat object"
[ "$(grep -vc '^{.*}$' t.json)" = 0 ] || fail "a line is not one object"

# Descendants, one of them reparented to init once its parent exited;
# the command's exit status.
mkdir -p /tmp/reparented
set +e
c2audit trace -o t2.txt -- sh -c 'sh -c "(sleep 0.5; ls /tmp/reparented) &"; sleep 2; exit 7' \
	>/dev/null
rc=$?
set -e
cat t2.txt
[ "$rc" = 7 ] || fail "trace exited $rc, not the command's 7"
trace_only_tree t2.txt "$(trace_root t2.txt)"
grep -q ' openat path=/tmp/reparented ' t2.txt || fail "the reparented grandchild was lost"

set +e
c2audit trace -- /nonexistent 2>err
rc=$?
set -e
[ "$rc" = 127 ] || fail "a missing command gave $rc, not 127"
grep -q nonexistent err || fail "missing command not said: $(cat err)"
noise_stop
