# Benign loads raise no MAJ: a tar extraction and the deletion of the
# tree, a compile (its file I/O: cc1, as, ld, make clean), a package-style
# copy (cp -a, and a dpkg-like upgrade: NAME.dpkg-new renamed over NAME,
# conffiles read first). The only matches are the upgrade's conffiles
# (MIN); the same detector flags the simulator MAJ.
. /tests/lib.sh

load_module default_rules=0
detect_rules
make_tree src 10 20
tar cf tree.tar src
mkdir -p proj/include cctmp
for i in $(seq 40); do echo "int f$i(void) { return $i; }" >proj/f$i.c; done
for i in $(seq 8); do echo "#define H$i $i" >proj/include/h$i.h; done
mkdir -p pkg/new inst
for i in $(seq 60); do echo "v2 $i" >pkg/new/file$i; echo "v1 $i" >inst/file$i; done
for i in $(seq 61 70); do echo "old $i" >inst/file$i; done

start_detect alerts --level OK
mkdir x && (cd x && tar xf ../tree.tar) || fail "tar x"
(cd x && tar xf ../tree.tar) || fail "tar x over the tree"
rm -rf x
ccsim proj cctmp || fail "ccsim"
cp -a src copy || fail "cp -a"
rm -rf copy
pkgsim -c 3 pkg/new inst || fail "pkgsim"
make_tree r 1 5
ransim r >/dev/null &
ran=$!
wait $ran || fail "ransim"
stop_detect

n=$(grep -c '^[0-9]' alerts) || true
echo "$n events judged"
[ "$n" -gt 1000 ] || fail "only $n events judged"
grep -q "^$ran  *Del  *MAJ  *Match " alerts || fail "not even the simulator is MAJ: the test is blind"
major=$(grep ' MAJ ' alerts | grep -v "^$ran " | head -n 5)
[ -z "$major" ] || fail "MAJ on benign load: $major"
grep -v "^$ran " alerts | grep ' MIN ' | awk '{ print $2, $5 }' | sort | uniq -c
matches=$(grep ' Match ' alerts | grep -v "^$ran ") || true
echo "matches of the benign loads:"
echo "$matches"
[ "$(echo "$matches" | grep -c 'inst/file[0-9]*.dpkg-new -> ')" = 3 ] ||
	fail "the 3 conffiles were not the only matches"
[ "$(echo "$matches" | grep -c .)" = 3 ] || fail "other matches than the conffiles"
