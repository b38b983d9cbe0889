# Lua filters: one script drops some records, reshapes others and fails
# on a third kind, which then pass unfiltered, the error reported once
# with its file and line; another never ends and is stopped by the
# instruction limit, its records passing unfiltered too. A script that
# does not load is refused with its file and line.
. /tests/lib.sh
. /tests/outlib.sh

make_records r.bin 300
cat >filter.lua <<'EOF'
-- drop: clones and forks; reshape: opens; fail: exec; pass: the rest
function filter(rec)
	if rec.syscall == "clone" or rec.syscall == "fork" or
	   rec.syscall == "vfork" or rec.syscall == "clone3" then
		return false
	end
	if rec.syscall == "openat" then
		rec.args = nil
		rec.reviewed = "lua"
		return rec
	end
	if rec.syscall == "execve" then
		return rec.no_such_field.x
	end
	return true
end
EOF
cat >spin.lua <<'EOF'
function filter(rec)
	if rec.syscall == "openat" then
		while true do end
	end
	return true
end
EOF
cat >out.conf <<EOF
[output lua]
type = file
path = $PWD/lua.json
lua = $PWD/filter.lua

[output spin]
type = file
path = $PWD/spin.json
lua = $PWD/spin.lua
lua_instructions = 100000
EOF
count() {
	reccheck grep r.bin "$@" | wc -l
}
clones=$(($(count syscall=clone) + $(count syscall=fork) + $(count syscall=vfork) + $(count syscall=clone3)))
opens=$(count syscall=openat)
execs=$(count syscall=execve)
kills=$(count syscall=kill)
echo "clones $clones, opens $opens, execs $execs, kills $kills"
[ "$clones" -gt 0 ] && [ "$opens" -gt 0 ] && [ "$execs" -gt 0 ] && [ "$kills" -gt 0 ] ||
	fail "the records lack a kind the test needs"

outfeed -c out.conf r.bin >feed.out 2>feed.err || fail "outfeed: $(cat feed.err)"
cat feed.out feed.err
outcheck -f file -x drop:syscall=clone,fork,vfork,clone3 \
	-x 'del:args@syscall=openat' -x 'set:reviewed=lua@syscall=openat' \
	-o lua.json r.bin || fail "dropped, reshaped or passed wrongly"
[ "$(counter feed.out lua filtered)" = "$clones" ] || fail "filtered count"
[ "$(counter feed.out lua script_errors)" = "$execs" ] || fail "script errors count"
[ "$(grep -c "filter.lua:13: attempt to index a nil value" feed.err)" = 1 ] ||
	fail "the error was not reported once with its place"

outcheck -f file -o spin.json r.bin || fail "records did not pass unfiltered"
[ "$(counter feed.out spin script_errors)" = "$opens" ] || fail "spin: errors count"
[ "$(grep -c "spin.lua:3: instruction limit (100000) exceeded" feed.err)" = 1 ] ||
	fail "the instruction limit was not reported once with its place"

printf 'function filter(r)\n\treturn (\nend\n' >bad.lua
sed "s|filter.lua|bad.lua|" out.conf >bad.conf
outfeed -c bad.conf r.bin >/dev/null 2>bad.err && fail "a broken script was taken"
cat bad.err
grep -q "bad.lua:3:" bad.err || fail "no file:line for a broken script"
