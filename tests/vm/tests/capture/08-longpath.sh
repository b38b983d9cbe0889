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

# A cwd (and a directory fd) of exactly 4094 and 4095 bytes, d_path's
# most: the name joined to it does not fit. The record is flagged, stays
# within PATH_MAX, and the records after it are right (the debug kernel's
# KASAN checks that nothing is written past a buffer).
seg250=$(printf 'c%.0s' $(seq 250))
for total in 4094 4095; do
	cd /tmp
	base=e$total
	mkdir "$base"
	cd -P "$base"
	for i in $(seq 16); do
		mkdir "$seg250"
		cd -P "$seg250"
	done
	last=$(printf 'l%.0s' $(seq $((total - 4027))))
	mkdir "$last"
	cd -P "$last"
	p=$(pwd -P)
	[ ${#p} = $total ] || fail "cwd of ${#p} bytes, not $total"
	start_collect "$here/r$total.bin"
	echo x >f
	run_wl open f
	cwd_pid=$WL_PID
	run_wl openat "$p" f
	fd_pid=$WL_PID
	mkdir sub
	rmdir sub
	rm f
	cd "$here"
	run_wl open /tmp/f.after
	after_pid=$WL_PID
	stop_collect
	expect_event r$total.bin syscall=openat pid=$cwd_pid name=f truncated=yes
	expect_event r$total.bin syscall=openat pid=$fd_pid name=f truncated=yes
	expect_event r$total.bin syscall=mkdir name=sub truncated=yes
	reccheck grep r$total.bin name=f truncated=yes | grep -q 'syscall=unlink' ||
		fail "no truncated unlink of f"
	expect_event r$total.bin syscall=openat pid=$after_pid name=/tmp/f.after
	reccheck grep r$total.bin truncated=yes |
		awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^path=/ && length($i) > 5 + 4095) bad++ } END { exit bad > 0 }' ||
		fail "a path longer than PATH_MAX - 1"
	reccheck ids r$total.bin
done
