# Opens of a known workload arrive with the right pid, paths, outcome and
# identity, for absolute, cwd-relative and dirfd-relative names.
. /tests/lib.sh

mkdir -p /tmp/d
echo data >/tmp/d/file
ino=$(stat -c %i /tmp/d/file)
load_module
start_collect r.bin

run_wl open /tmp/d/file
abs=$WL_PID
cd /tmp/d
run_wl open file
rel=$WL_PID
run_wl open nofile
missing=$WL_PID
cd - >/dev/null
run_wl openat /tmp/d file
at=$WL_PID
run_wl fresh /tmp/d/file
fresh=$WL_PID
stop_collect

expect_event r.bin type=syscall syscall=openat arch=x86_64 pid=$abs tgid=$abs \
	ppid=$$ uid=0 euid=0 gid=0 auid=4294967295 comm=wl exe=/bin/wl \
	path=/tmp/d/file name=/tmp/d/file success=yes exit=3 ino=$ino mode=0100644
expect_event r.bin syscall=openat pid=$rel path=/tmp/d/file name=file success=yes
expect_event r.bin syscall=openat pid=$missing path=/tmp/d/nofile name=nofile \
	success=no exit=-2 err=ENOENT
expect_event r.bin syscall=openat pid=$at path=/tmp/d/file name=file success=yes
expect_event r.bin syscall=openat pid=$fresh path=/tmp/d/file name=/tmp/d/file success=yes
reccheck ids r.bin
