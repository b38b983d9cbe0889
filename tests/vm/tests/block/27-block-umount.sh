# A record waiting for room in the ring holds the object its call acted
# on; a lazy unmount of that object's filesystem meanwhile (by another
# task) must not free the filesystem under it. Strict block mode and a
# stopped reader: unlinks in a tmpfs wait; the tmpfs is unmounted lazily;
# the reader goes on. Every unlink is in the trail, none lost, and the
# kernel says nothing (a dentry still in use when a filesystem goes is a
# "BUG:" line, which fails the run too).
. /tests/lib.sh

lz=$PWD/lz
mkdir $lz
mount -t tmpfs -o size=1m tmpfs $lz
for i in $(seq 300); do : >$lz/f$i; done
load_module slots=64
c2audit rules flush
c2audit rules add audit syscall=unlink,unlinkat path=$lz
c2audit set overflow=block strict=yes block_timeout=0
start_collect r.bin
kill -STOP "$COLLECT_PID"
# Those left once the mount has gone are not there to unlink (rm -f).
(cd / && for i in $(seq 300); do rm -f $lz/f$i; done) &
rmpid=$!
wait_status blocked_now 1
# Detached, the filesystem lives on while a file of it is open (fd 9):
# what is left in it is what was not unlinked. Closing it lets the
# filesystem go while a record of one of its files waits.
exec 9<$lz
umount -l $lz || fail "umount -l"
grep -q " $lz " /proc/mounts && fail "$lz still mounted"
left=$(ls /proc/$$/fd/9/ | wc -l)
exec 9<&-
sleep 1
kill -CONT "$COLLECT_PID"
wait $rmpid
stop_collect
c2audit set enabled=no
n=$(reccheck grep r.bin syscall=unlink success=yes | grep -c "path=$lz/f")
echo "$n unlinks in the trail, $left files left at the unmount"
[ "$n" = $((300 - left)) ] || fail "the trail has $n unlinks, not 300 - $left"
[ "$n" -ge 64 ] || fail "only $n unlinks: none waited for room"
reccheck ids r.bin | tee ids.txt || fail "a gap in the ids"
[ "$(lost_in ids.txt)" = 0 ] || fail "records lost"
dmesg | grep -E "still in use|Busy inodes" && fail "the unmount found a dentry of ours in use"
true
