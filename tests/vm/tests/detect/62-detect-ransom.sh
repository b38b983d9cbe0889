# The ransomware simulator (reads each file, encrypts it with libcrypto
# into NAME.aes, unlinks the original) is flagged MAJ with Match within
# its first 10 files by `c2audit detect` reading live from /dev/audit, and
# its Enc events are there; the detector exits 1 for the MAJ alert.
. /tests/lib.sh

load_module default_rules=0
detect_rules
make_tree t 5 10
start_detect alerts --level OK
ransim "$PWD/t" >files &
ran=$!
wait $ran || fail "ransim failed"
stop_detect
[ "$DETECT_STATUS" = 1 ] || fail "detect exited $DETECT_STATUS, not 1 for MAJ: $(cat alerts.err)"
head -n 1 alerts | grep -q '^PID     TYPE FLAG PATT  TRESH FILENAME$' || fail "no table header"
major=$(grep -m 1 "^$ran  *Del  *MAJ  *Match " alerts) ||
	fail "no MAJ Match of ransim: $(grep "^$ran " alerts | head -n 20)"
echo "first: $major"
file=${major##* }
n=$(grep -n -x "$file" files | cut -d: -f1)
[ -n "$n" ] && [ "$n" -le 10 ] || fail "the first MAJ Match is for file ${n:-?} ($file), not within the first 10"
echo "MAJ Match at file $n"
grep -q "^$ran  *Enc  .*libcrypto.so.3:EVP_EncryptInit_ex$" alerts ||
	fail "no Enc event of ransim"
# (OpenSSL's EVP_EncryptInit_ex calls EVP_CipherInit_ex: both are probed.)
n=$(grep -c "^$ran  *Enc  .*:EVP_EncryptInit_ex$" alerts)
[ "$n" = 50 ] || fail "$n EVP_EncryptInit_ex events for 50 files"
# Every file of ransim's was a Match from the first on.
[ "$(grep -c "^$ran  *Del  *[A-Z]*  *Match " alerts)" = 50 ] || fail "not 50 matches"
grep "^$ran " alerts | head -n 8
