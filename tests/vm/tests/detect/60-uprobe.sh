# uprobes from the rules' uprobe statement: every call of libcrypto's
# encryption set-up is a record (pid, comm, exe, library, function), for
# processes started before the probes were set and after; a CONFIG record
# for each probe set and removed; removal by a load without them and by
# flush, after which nothing is recorded; clear errors for a missing
# library, a stripped file, an unknown function; the ioctls' edges.
. /tests/lib.sh

load_module default_rules=0
make_tree t1 1 3
make_tree t2 1 3
make_tree t3 1 2
make_tree t4 1 2

# libcrypto is mapped before the probes exist.
ransim -w go t1 >early.out &
early=$!
start_collect r.bin
printf 'uprobe\n' >rules
c2audit rules load rules >load.out || fail "the default uprobe did not load"
grep -q '0 rules, 3 uprobes loaded' load.out || fail "load: $(cat load.out)"
c2audit rules list >list
lib=$(sed -n 's/^uprobe \([^ ]*\) .*/\1/p' list)
[ "$(cat list)" = "uprobe $lib EVP_EncryptInit_ex EVP_CipherInit_ex EVP_SealInit" ] ||
	fail "list: $(cat list)"
touch go
wait $early || fail "ransim (early) failed"
ransim -m cipher t2 >late.out &
late=$!
wait $late || fail "ransim (late) failed"
ransim -m seal t3 >seal.out || fail "ransim (seal) failed"
# Loading the same statement again changes nothing: no gap, no record.
c2audit rules load list >/dev/null || fail "the listed uprobes did not load back"
c2audit rules load /dev/null >/dev/null || fail "empty rules did not load"
[ -z "$(c2audit rules list)" ] || fail "uprobes left: $(c2audit rules list)"
ransim t4 >gone.out || fail "ransim (after removal) failed"
c2audit rules load rules >/dev/null
c2audit rules flush || fail "flush"
[ -z "$(c2audit rules list)" ] || fail "uprobes left after flush"
stop_collect

n=$(reccheck grep r.bin type=uprobe pid=$early comm=ransim exe=/bin/ransim \
	function=EVP_EncryptInit_ex library=$lib | wc -l)
[ "$n" = 3 ] || fail "$n records of the early process's 3 calls"
n=$(reccheck grep r.bin type=uprobe pid=$late function=EVP_CipherInit_ex | wc -l)
[ "$n" = 3 ] || fail "$n records of the late process's 3 calls"
# (The RSA key of -m seal comes from a DRBG calling EVP_CipherInit_ex.)
expect_event r.bin type=uprobe function=EVP_SealInit comm=ransim
for f in EVP_EncryptInit_ex EVP_CipherInit_ex EVP_SealInit; do
	n=$(reccheck grep r.bin type=config item=uprobe old=0 function=$f library=$lib | wc -l)
	[ "$n" = 2 ] || fail "$n CONFIG records of $f set, not 2"
	n=$(reccheck grep r.bin type=config item=uprobe new=0 function=$f result=0 | wc -l)
	[ "$n" = 2 ] || fail "$n CONFIG records of $f removed, not 2"
done
# After removal: the files of t4 were encrypted with no record.
[ "$(wc -l <gone.out)" = 2 ] || fail "ransim t4: $(cat gone.out)"
reccheck grep r.bin type=uprobe | grep -q "t4" && fail "a record after removal"
reccheck ids r.bin

# Errors name the line and what is wrong, and change nothing.
check_error() {	# check_error STATEMENT EXPECTED-TEXT
	printf '%s\n' "$1" >bad
	c2audit rules load bad 2>err && fail "'$1' loaded"
	grep -q "bad:1: .*$2" err || fail "'$1': $(cat err)"
	echo "refused: $1: $(cat err)"
}
check_error "uprobe libnothere.so.1 f" "no such library"
check_error "uprobe /bin/busybox main" "no symbol table at all (stripped)"
check_error "uprobe libcrypto.so.3 EVP_NoSuchThing" "no function EVP_NoSuchThing"
check_error "uprobe /etc/c2audit/c2auditd.conf f" "not an ELF file"
check_error "uprobe libcrypto.so.3" "expected functions after the library"
[ -z "$(c2audit rules list)" ] || fail "a refused load left uprobes"

dd if=/dev/zero of=data bs=4096 count=1 2>/dev/null
uprobetest "$PWD/data" || fail "uprobetest"
