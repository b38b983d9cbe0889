# A record names the object the kernel acted on. One thread renames the
# file a name buffer names while another flips the buffer between two
# names: each record's name is the one the kernel used (its own copy,
# taken during the call), never what the buffer held afterwards. One
# thread unlinks link/fN while another swaps the symlink link between two
# directories: each record's path is the file the kernel removed.
. /tests/lib.sh

# wrong TRUTH SAID: lines "key value" of both; prints how many keys SAID
# gives another value than TRUTH, and the first few of them.
wrong() {
	awk 'NR == FNR { t[$1] = $2; next }
	     ($1 in t) && t[$1] != $2 { if (w++ < 5) print "  " $1 ": " t[$1] " done, " $2 " recorded" > "/dev/stderr" }
	     END { print w + 0 }' "$1" "$2"
}

# A debug kernel (kmemleak, KASAN, lockdep) runs each call many times as
# slowly: a fifth of the attempts there, still thousands.
if debug_kernel; then
	n=${FORGE_N:-4000} m=${SWAP_N:-600}
else
	n=${FORGE_N:-20000} m=${SWAP_N:-3000}
fi
mkdir d
echo a >d/a
echo b >d/b
load_module
start_collect r.bin
attack flip "$PWD/d" $n >truth.txt
stop_collect
done=$(wc -l <truth.txt)
echo "$done renames done"
[ "$done" -ge $((n / 2)) ] || fail "only $done of $n renames done"
# name= is the old name as given, name2= the new one: dN, unique.
reccheck grep r.bin syscall=rename success=yes |
	sed -n 's/.* name=\([ab]\) .*name2=\(d[0-9]*\).*/\2 \1/p' >said.txt
said=$(wc -l <said.txt)
[ "$said" -ge "$done" ] || fail "only $said of $done renames in the trail"
bad=$(wrong truth.txt said.txt)
echo "records naming the wrong file: $bad of $done"
[ "$bad" = 0 ] || fail "$bad records name a file the kernel did not touch"

mkdir s s/x s/y
ln -s x s/link
ln -s y s/other
start_collect r2.bin
attack swap "$PWD/s" $m >truth2.txt
stop_collect
done=$(wc -l <truth2.txt)
echo "$done unlinks through the swapped link"
[ "$done" -ge $((m / 2)) ] || fail "only $done of $m unlinks done"
reccheck grep r2.bin syscall=unlink success=yes |
	sed -n 's|.* path=\([^ ]*\) .*name=link/\(f[0-9]*\).*|\2 \1|p' |
	sed 's|^\([^ ]*\) .*/s/\([xy]\)/f[0-9]*$|\1 \2|' >said2.txt
said=$(wc -l <said2.txt)
[ "$said" -ge "$done" ] || fail "only $said of $done unlinks in the trail"
bad=$(wrong truth2.txt said2.txt)
echo "records naming the wrong file: $bad of $done"
[ "$bad" = 0 ] || fail "$bad records name a file the kernel did not remove"
