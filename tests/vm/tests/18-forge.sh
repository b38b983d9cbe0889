# A record names the object the kernel acted on: one thread renames the
# file a name buffer names while another flips the buffer between two
# names; each record's name is the one the kernel used (its own copy,
# taken during the call), never what the buffer held afterwards.
. /tests/lib.sh

n=${FORGE_N:-20000}
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
	sed -n 's/.* name=\([ab]\) .*name2=\(d[0-9]*\).*/\2 \1/p' | sort >said.txt
sort truth.txt >truth.sorted
said=$(wc -l <said.txt)
[ "$said" -ge "$done" ] || fail "only $said of $done renames in the trail"
wrong=$(join truth.sorted said.txt | awk '$2 != $3' | wc -l)
echo "records naming the wrong file: $wrong of $done"
join truth.sorted said.txt | awk '$2 != $3' | head -5
[ "$wrong" = 0 ] || fail "$wrong records name a file the kernel did not touch"
