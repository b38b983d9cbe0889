# vm-timeout: 300
# The kernel's own messages: an AppArmor profile loaded with Debian's
# apparmor_parser that does not allow a read gives apparmor=DENIED with the
# profile, operation, name and pid; loading and removing it
# apparmor=STATUS. AppArmor sends them as the kernel's LSMs do, as AVC
# (1400), not as APPARMOR_DENIED (1503): ausearch -m AVC finds them too.
. /tests/lib.sh
. /tests/kauditlib.sh
need apparmor_parser
trap 'users_cleanup; cleanup' EXIT
[ -e /sys/module/apparmor/parameters/enabled ] ||
	fail "the kernel has no AppArmor (boot command line: $(cat /proc/cmdline))"
grep -q Y /sys/module/apparmor/parameters/enabled ||
	fail "AppArmor is off (boot command line: $(cat /proc/cmdline))"
mkdir -p /sys/kernel/security
grep -q ' /sys/kernel/security ' /proc/mounts ||
	mount -t securityfs securityfs /sys/kernel/security
load_module
kaudit_start own

dir=$PWD/aa
mkdir -p "$dir"
cp /bin/busybox "$dir/cat"
cat >c2a-deny.profile <<EOP
profile c2a-deny $dir/cat {
  $dir/cat mr,
  /dev/** rw,
  /etc/c2a-allowed r,
}
EOP
echo allowed >/etc/c2a-allowed
echo secret >/etc/c2a-denied
apparmor_parser -r -K c2a-deny.profile || fail "apparmor_parser"
"$dir/cat" /etc/c2a-allowed >/dev/null || fail "the profile denies what it allows"
pid_run cat.pid "$dir/cat" /etc/c2a-denied >/dev/null 2>&1 && fail "the profile did not deny the read"
apparmor_parser -R c2a-deny.profile || fail "apparmor_parser -R"
rm -f /etc/c2a-allowed /etc/c2a-denied
trail_bin
c2audit report --conf auditd.conf --type user >user.txt
cat user.txt

p=$(cat cat.pid)
expect_msg AVC pid=$p apparmor=DENIED profile=c2a-deny operation=open name=/etc/c2a-denied comm=cat requested_mask=r denied_mask=r
expect_msg AVC apparmor=STATUS operation=profile_load name=c2a-deny comm=apparmor_parser
expect_msg AVC apparmor=STATUS operation=profile_remove name=c2a-deny comm=apparmor_parser
c2audit report --conf auditd.conf --pid "$p" --msgtype AVC >denied.txt
[ "$(wc -l <denied.txt)" = 1 ] || fail "report --pid --msgtype AVC"
