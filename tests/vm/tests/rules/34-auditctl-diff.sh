# vm-timeout: 600
# The same rule sets (Debian's 30-stig.rules and 43-module-load.rules,
# and a set-uid rule; then OSPP's sets by event class) loaded into Linux audit (auditctl, auditd writing
# audit.log) and into c2audit, in one boot, under one workload as root and
# as a user with loginuid 1000: for the events of the workload, c2audit
# records exactly what Linux audit records (syscall, object path, success,
# key), nothing missing and nothing extra.
. /tests/lib.sh

EX=/usr/share/doc/auditd/examples/rules
for p in auditd auditctl ausearch; do
	command -v $p >/dev/null || fail "no $p in the guest (tools/install-deps check installs auditd)"
done
[ -r $EX/30-stig.rules ] || fail "no $EX/30-stig.rules"

# The workload rewrites the guest's accounts, hosts and host name; the
# tests after this one in the same boot (PAM's su and sudo) need them back.
cp -a /etc /tmp/etc.saved
HOST=$(hostname)
restore_etc() {
	rm -rf /etc
	cp -a /tmp/etc.saved /etc
	hostname "$HOST"
}
trap 'restore_etc; cleanup' EXIT

# What the rules watch exists before they are loaded, as auditctl's -w
# and our translation both look at it then: a directory is a tree.
D=/tmp/diff
mkdir -p $D/mnt /etc/sudoers.d /etc/security /etc/NetworkManager /etc/selinux \
	/var/log/audit
printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'u:x:1000:1000:u:/tmp:/bin/sh' >/etc/passwd
printf '%s\n' 'root:x:0:' 'adm:x:4:' 'u:x:1000:' >/etc/group
for f in /etc/shadow /etc/gshadow /etc/security/opasswd; do
	echo 'root:*::::::' >$f
	chmod 600 $f
done
for f in /etc/sudoers /etc/hosts /etc/hostname /etc/issue /etc/issue.net /etc/localtime; do
	echo x >$f
done
cp /bin/wl $D/suidwl
chmod 4755 $D/suidwl
chmod 1777 $D

cat >$D/local.rules <<'EOF'
-a always,exit -F arch=b64 -S execve -C uid!=euid -F euid=0 -k setuid
EOF

# The module first: Linux audit is not to see its loading.
load_module default_rules=0
mkdir -p /tmp/audit-conf
cp -a /etc/audit/. /tmp/audit-conf/

# The workload, in a shell of its own: first as root with no login
# session, then as root with loginuid 1000, then as user 1000.
workload() {
	sh -c '
		D=/tmp/diff
		cat /etc/passwd /etc/shadow >/dev/null
		echo "v:x:1001:1001::/tmp:/bin/sh" >>/etc/passwd
		chmod 644 /etc/passwd
		chown 0:0 /etc/group
		echo guest >/etc/hostname
		hostname guest
		echo y >>/etc/hosts
		echo "u ALL=(ALL) ALL" >/etc/sudoers.d/u
		rm /etc/sudoers.d/u
		wl open /tmp/diff/nonexistent >/dev/null
		echo 1000 >/proc/self/loginuid
		mount -t tmpfs none $D/mnt
		umount $D/mnt
		date -s "$(date +%Y-%m-%d\ %H:%M:%S)" >/dev/null
		insmod /etc/hosts 2>/dev/null
		exec runas 1000 1000 sh -c "
			cat /etc/shadow 2>/dev/null
			wl open /etc/gshadow >/dev/null
			wl open $D/nonexistent >/dev/null
			echo x 2>/dev/null >/etc/created
			echo x 2>/dev/null >>/etc/hosts
			echo x >$D/mine
			echo x >>$D/mine
			chmod 600 $D/mine
			chmod 600 /etc/hosts 2>/dev/null
			chown 1000:1000 $D/mine
			chown 0:0 /etc/hosts 2>/dev/null
			echo x >$D/mine2
			m32_chown $D/mine2 >/dev/null
			mv $D/mine $D/mine3
			rm $D/mine3 $D/mine2
			rm -f /etc/issue 2>/dev/null
			mount -t tmpfs none $D/mnt 2>/dev/null
			$D/suidwl open /etc/hosts >/dev/null
			wl open /etc/hosts >/dev/null
		"
	' </dev/null || true
}

# compare NAME FILE...: the same rules into both, the workload, the events.
compare() {
	name=$1
	shift
	# Linux audit: Debian's auditd.conf, its log in /var/log/audit.
	auditctl -D >/dev/null
	for f in "$@"; do
		auditctl -R $f >auditctl.out 2>&1 || fail "auditctl -R $f: $(cat auditctl.out)"
	done
	rm -f /var/log/audit/*
	auditd -n -c /tmp/audit-conf &
	AUDITD=$!
	for _ in $(seq 100); do
		auditctl -s | grep -q "^pid $AUDITD" && break
		kill -0 $AUDITD 2>/dev/null || fail "auditd did not start"
		sleep 0.1
	done
	auditctl -e 1 >/dev/null || fail "auditctl -e 1"

	# c2audit: the same files, as they are.
	rm -rf $D/rules.d
	mkdir -p $D/rules.d
	i=10
	for f in "$@"; do
		cp $f $D/rules.d/$i-$(basename $f)
		i=$((i + 1))
	done
	c2audit rules load $D/rules.d >load.out 2>&1 || fail "c2audit rules load: $(cat load.out)"
	start_collect r.bin

	workload
	sleep 1
	stop_collect
	# nothing more for the next run's reader to find in the rings
	c2audit rules flush
	auditctl -e 0 >/dev/null
	kill -TERM $AUDITD
	wait $AUDITD

	# One line per event: syscall success key path (the object: the
	# first name that is not a parent directory, absolute).
	ausearch -i -if /var/log/audit/audit.log >linux.txt 2>/dev/null
	awk '
		function kv(line, k,    n, i, f) {
			n = split(line, f, " ")
			for (i = 1; i <= n; i++)
				if (index(f[i], k "=") == 1)
					return substr(f[i], length(k) + 2)
			return ""
		}
		# Events no rule selected (keyless: every rule here has a
		# key) are Linux audit'"'"'s own, as the loginuid change.
		function flush() {
			if (sc != "" && key != "(null)" && comm != "auditd")
				print sc, ok, key, (path == "" ? "-" : path ~ /^\// ? path : cwd "/" path)
			sc = path = cwd = ""
			item = 999
		}
		BEGIN { item = 999 }
		/^----/ { flush(); next }
		/^type=SYSCALL / {
			sc = kv($0, "syscall"); ok = kv($0, "success")
			key = kv($0, "key"); comm = kv($0, "comm")
		}
		/^type=CWD / { cwd = kv($0, "cwd") }
		/^type=PATH / && kv($0, "nametype") != "PARENT" && kv($0, "item") + 0 < item {
			path = kv($0, "name"); item = kv($0, "item") + 0
		}
		END { flush() }
	' linux.txt | sort >linux.ev
	c2audit report --type syscall r.bin >c2a.txt || fail "c2audit report failed"
	awk '
		function kv(line, k,    n, i, f) {
			n = split(line, f, " ")
			for (i = 1; i <= n; i++)
				if (index(f[i], k "=") == 1)
					return substr(f[i], length(k) + 2)
			return ""
		}
		{
			p = kv($0, "path"); k = kv($0, "key")
			print kv($0, "syscall"), kv($0, "success"), (k == "" ? "(null)" : k), (p == "" ? "-" : p)
		}
	' c2a.txt | sort >c2a.ev

	echo "$name: Linux audit $(wc -l <linux.ev) events, c2audit $(wc -l <c2a.ev)"
	[ -s linux.ev ] || fail "$name: Linux audit recorded nothing: $(head -c 2000 linux.txt)"
	# Each event of one matches one of the other. Linux audit records no
	# object where none came to be (a refused create) or the call named
	# it by a descriptor (finit_module): there c2audit's path, the one it
	# resolved, is not compared.
	awk '
		FNR == NR { L[++n] = $0; next }
		{ C[++m] = $0 }
		END {
			for (i = 1; i <= m; i++)
				for (j = 1; j <= n; j++)
					if (!used[j] && L[j] == C[i]) {
						used[j] = ok[i] = 1
						break
					}
			for (i = 1; i <= m; i++) {
				if (ok[i])
					continue
				split(C[i], c, " ")
				for (j = 1; j <= n; j++) {
					split(L[j], l, " ")
					if (!used[j] && l[4] == "-" && l[1] == c[1] &&
					    l[2] == c[2] && l[3] == c[3]) {
						used[j] = ok[i] = 1
						break
					}
				}
			}
			for (j = 1; j <= n; j++)
				if (!used[j])
					print "missing: " L[j]
			for (i = 1; i <= m; i++)
				if (!ok[i])
					print "extra:   " C[i]
		}
	' linux.ev c2a.ev >diff.out
	if [ -s diff.out ]; then
		cat diff.out
		fail "$name: c2audit's events differ from Linux audit's"
	fi
	cat linux.ev
	# the files the workload changed, as they were
	echo x >/etc/issue
	chmod 644 /etc/hosts
	rm -f /etc/created
}

compare stig $EX/30-stig.rules $EX/43-module-load.rules $D/local.rules
# OSPP's sets by event class: O_CREAT and write-mode opens told apart by
# argument masks, refused and successful, deletions, permission and
# owner changes.
compare ospp $EX/30-ospp-v42-1-create-failed.rules \
	$EX/30-ospp-v42-1-create-success.rules \
	$EX/30-ospp-v42-2-modify-failed.rules \
	$EX/30-ospp-v42-2-modify-success.rules \
	$EX/30-ospp-v42-3-access-failed.rules \
	$EX/30-ospp-v42-4-delete-failed.rules \
	$EX/30-ospp-v42-4-delete-success.rules \
	$EX/30-ospp-v42-5-perm-change-failed.rules \
	$EX/30-ospp-v42-5-perm-change-success.rules \
	$EX/30-ospp-v42-6-owner-change-failed.rules \
	$EX/30-ospp-v42-6-owner-change-success.rules
unload_module
rm -f /etc/passwd /etc/group /etc/shadow /etc/gshadow /etc/sudoers /etc/hosts \
	/etc/hostname /etc/issue /etc/issue.net /etc/localtime
rm -rf /etc/sudoers.d /etc/security /etc/NetworkManager /etc/selinux
