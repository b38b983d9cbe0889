# execve records carry the program, the name as given and argv, for
# successful and failed calls.
. /tests/lib.sh

printf '#!/bin/sh\n' >/tmp/noexec
chmod 644 /tmp/noexec
load_module
start_collect r.bin

/bin/wl open / 1 >/dev/null &
ok=$!
wait $ok
(cd /bin && exec ./wl open / 1 >/dev/null) &
rel=$!
wait $rel
/nonexistent/prog arg1 "arg two" 2>/dev/null &
nx=$!
wait $nx || true
/tmp/noexec 2>/dev/null &
na=$!
wait $na || true
stop_collect

expect_event r.bin syscall=execve pid=$ok path=/bin/wl name=/bin/wl exe=/bin/wl \
	comm=wl argv="/bin/wl open / 1" success=yes exit=0 ppid=$$
expect_event r.bin syscall=execve pid=$rel path=/bin/wl name=./wl argv="./wl open / 1" success=yes
expect_event r.bin syscall=execve pid=$nx path=/nonexistent/prog name=/nonexistent/prog \
	argv="/nonexistent/prog arg1 arg two" success=no err=ENOENT
expect_event r.bin syscall=execve pid=$na path=/tmp/noexec success=no err=EACCES
reccheck ids r.bin
