# A record's exe is what d_path() of the executable says at the event,
# though the module keeps it per process: the running program renamed,
# unlinked, its filesystem moved, or run in a chroot. What is kept holds
# the file and its filesystem only while the process lives: a tmpfs
# unmounts at once after its program exits or execs another, and with
# no event of those processes left to make it let go.
. /tests/lib.sh

mkdir -p /tmp/x/a /tmp/ma /tmp/mb /tmp/mc /tmp/cr
for i in 1 2 3 4 5 6 7 8; do : >/tmp/x/o$i; done
cp /bin/busybox /tmp/x/a/busybox
mount -t tmpfs -o size=4m tmpfs /tmp/ma || fail "mount /tmp/ma"
mount -t tmpfs -o size=4m tmpfs /tmp/mc || fail "mount /tmp/mc"
cp /bin/busybox /tmp/ma/busybox
cp /bin/busybox /tmp/mc/busybox
cp /bin/busybox /tmp/cr/busybox
: >/tmp/cr/o7
load_module
start_collect r.bin

# The shell opens each file itself (exec N<), so its exe is the copy
# (busybox: named so for its applets); mv, rm and mount are other
# processes (/bin/busybox). A directory on the way is renamed.
/tmp/x/a/busybox sh -c 'exec 3</tmp/x/o1 6</tmp/x/o8 &&
	/bin/busybox mv /tmp/x/a /tmp/x/b && exec 4</tmp/x/o2 &&
	/bin/busybox rm /tmp/x/b/busybox && exec 5</tmp/x/o3' &
renamed=$!
wait $renamed || fail "the renamed shell failed"
/tmp/ma/busybox sh -c 'exec 3</tmp/x/o4 &&
	/bin/busybox mount --move /tmp/ma /tmp/mb && exec 4</tmp/x/o5' &
moved=$!
wait $moved || fail "the moved shell failed"
umount /tmp/mb || fail "the filesystem of a program that exited is busy"
/tmp/mc/busybox sh -c 'exec 3</tmp/x/o6 && exec /bin/busybox true' &
execd=$!
wait $execd || fail "the shell that execs failed"
umount /tmp/mc || fail "the filesystem of a program that exec'd another is busy"
chroot /tmp/cr /busybox sh -c 'exec 3</o7' &
chrooted=$!
wait $chrooted || fail "the chrooted shell failed"
stop_collect

expect_event r.bin syscall=openat pid=$renamed name=/tmp/x/o1 exe=/tmp/x/a/busybox
expect_event r.bin syscall=openat pid=$renamed name=/tmp/x/o8 exe=/tmp/x/a/busybox
expect_event r.bin syscall=openat pid=$renamed name=/tmp/x/o2 exe=/tmp/x/b/busybox
expect_event r.bin syscall=openat pid=$renamed name=/tmp/x/o3 \
	exe="/tmp/x/b/busybox (deleted)"
expect_event r.bin syscall=openat pid=$moved name=/tmp/x/o4 exe=/tmp/ma/busybox
expect_event r.bin syscall=openat pid=$moved name=/tmp/x/o5 exe=/tmp/mb/busybox
expect_event r.bin syscall=openat pid=$execd name=/tmp/x/o6 exe=/tmp/mc/busybox
expect_event r.bin syscall=openat pid=$chrooted name=/o7 exe=/busybox
reccheck ids r.bin
