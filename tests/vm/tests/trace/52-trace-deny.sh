# A denied access under trace --lsm: uid 65534 opening a 0600 file of
# root shows the permission check's denial, and the capability that
# would have overridden it refused.
. /tests/lib.sh

echo secret >/tmp/secret
chmod 600 /tmp/secret
ino=$(stat -c %i /tmp/secret)
load_module
set +e
c2audit trace --lsm -o t.txt -- runas 65534 65534 cat /tmp/secret >out 2>&1
rc=$?
set -e
cat t.txt
[ "$rc" = 1 ] || fail "cat exited $rc, not 1: $(cat out)"
grep -qx secret out && fail "uid 65534 read the secret"
grep -q " cat  *-> openat path=/tmp/secret name=/tmp/secret ino=$ino " t.txt ||
	fail "no openat of the secret"
grep -q " cat  *inode_permission ino=$ino .*mode=0100600 ouid=0 ogid=0 mask=read,open = -13 EACCES$" t.txt ||
	fail "the denial of the permission check is not shown"
grep -q " cat  *capable cap=dac_read_search cap_nr=2 .* = -1 EPERM$" t.txt ||
	fail "the refused capability is not shown"
grep -q " cat  *<- openat = -13 EACCES$" t.txt || fail "openat did not fail with EACCES"
c2audit trace --lsm=inode_permission --json -o t.json -- runas 65534 65534 cat /tmp/secret \
	>/dev/null 2>&1 || true
grep -q "\"hook\":\"inode_permission\",\"result\":-13,\"decision\":\"denied\",\"err\":\"EACCES\",.*\"uid\":65534,.*\"ino\":$ino," t.json ||
	fail "no denied inode_permission of uid 65534 in JSON"
