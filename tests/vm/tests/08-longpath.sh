# A path longer than a record's text continues in continuation records and
# is joined back whole; one beyond PATH_MAX is flagged, not cut silently.
. /tests/lib.sh
here=$(pwd)

seg=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
long=/tmp
for i in $(seq 20); do
	long=$long/$seg$i
done
mkdir -p "$long"
echo x >"$long/f"
load_module
start_collect r.bin
run_wl open "$long/f"
pid=$WL_PID
# Too deep for one absolute name: reached step by step with relative ones
# (cd -P: a logical cd would chdir() to the whole absolute name).
cd "$long"
for i in $(seq 30); do
	mkdir "$seg$i"
	cd -P "$seg$i"
done
echo x >f
run_wl open f
deep_pid=$WL_PID
cd "$here"
stop_collect
echo "path of ${#long} + 2 bytes"
expect_event r.bin syscall=openat pid=$pid path="$long/f" name="$long/f" success=yes
expect_event r.bin syscall=openat pid=$deep_pid name=f success=yes truncated=yes
reccheck ids r.bin
