# c2audit trace --lsm -- /bin/ls DIR: the exec's creds hooks, the
# permission checks on / and DIR (their inode numbers as stat says), the
# open of DIR inside its openat; nothing of other processes.
. /tests/lib.sh

mkdir -p /tmp/d
load_module
noise_start
c2audit trace --lsm -o t.txt -- /bin/ls /tmp/d >/dev/null || fail "trace --lsm failed"
noise_stop
cat t.txt
root=$(trace_root t.txt)
trace_only_tree t.txt "$root"

rino=$(stat -c %i /) rdev=$(devno /)
dino=$(stat -c %i /tmp/d) ddev=$(devno /tmp/d)
grep -q " $root ls  *bprm_committing_creds dentry=busybox name=/bin/ls ino=$(stat -L -c %i /bin/ls) " t.txt ||
	fail "no bprm_committing_creds for ls"
grep -q " $root [a-z0-9]*  *bprm_check .* = 0$" t.txt || fail "no bprm_check"
grep -q "inode_permission ino=$rino dev=$rdev mode=040755 .*mask=exec" t.txt ||
	fail "no permission check on / (ino $rino dev $rdev)"
grep -q "inode_permission ino=$dino dev=$ddev .*mask=read,open = 0" t.txt ||
	fail "no permission check on /tmp/d (ino $dino dev $ddev)"
grep -q "file_open dentry=d ino=$dino dev=$ddev .* = 0" t.txt || fail "no file_open of /tmp/d"
# The open of the directory is inside its syscall, between enter and exit.
grep_order t.txt "-> openat path=/tmp/d " "inode_permission ino=$dino dev=$ddev" \
	"file_open dentry=d ino=$dino" "<- openat = 3"
# Hooks of calls that are not audited say which call they were in.
grep -q 'file_permission dentry=d .*\[in getdents64\]$' t.txt || fail "no hook in getdents64"

# JSON: hooks inside a syscall have depth 1 and their decoded fields.
c2audit trace --lsm=file_open,bprm_check --json -o t.json -- /bin/ls /tmp/d >/dev/null ||
	fail "trace --lsm=... --json failed"
grep -q "^{\"depth\":1,\"type\":\"lsm\",.*\"hook\":\"file_open\",\"result\":0,\"decision\":\"allowed\",.*\"dentry\":\"d\",\"ino\":$dino," t.json ||
	fail "no file_open object of depth 1"
grep -q '"hook":"inode_permission"' t.json && fail "a hook not asked for"
c2audit status | grep -q 'traced: none' || fail "hooks left after the trace"
