# SPDX-License-Identifier: GPL-2.0
# Helpers of the output tests (70-79), sourced after lib.sh: records of
# real events, Debian's rsyslog as the collector, certificates.
RSYSLOG_PID=""
FWD_PID=""
# c2audit-forward runs as this user and group, log_group of the trail.
FWD_UID=1000

out_cleanup() {
	if [ -n "$FWD_PID" ]; then
		kill "$FWD_PID" 2>/dev/null || true
		wait "$FWD_PID" 2>/dev/null || true
	fi
	if [ -s rsyslog.out ]; then
		echo "rsyslogd said:"
		cat rsyslog.out
	fi
	if [ -n "$RSYSLOG_PID" ]; then
		kill -CONT "$RSYSLOG_PID" 2>/dev/null || true
		kill "$RSYSLOG_PID" 2>/dev/null || true
	fi
	cleanup
}
trap out_cleanup EXIT

ip link set lo up
hostname guest
mkdir -p /run

# make_records FILE N: the records of real events: N opens, a few
# programs run with arguments (continuation records), what the shell does.
make_records() {
	load_module
	start_collect "$1"
	wl open /etc/vm.conf "$2" >/dev/null
	for i in 1 2 3 4 5 6 7 8 9 10; do
		ls -l /tests /etc "/tmp/a long argument $i" >/dev/null 2>&1 || true
		kill -0 $$
	done
	stop_collect
	unload_module
	echo "records: $(($(stat -c %s "$1") / 512)) in $1"
}

# counter FILE OUTPUT KEY: a counter outfeed printed for OUTPUT.
counter() {
	sed -n "s/^$2 .* $3=\([0-9]*\).*/\1/p" "$1"
}

# wait_sent STATE OUTPUT: until OUTPUT has written messages it has not had
# confirmed (its confirm_bytes larger than all it sends), as the state
# file says, so that what happens next happens in the middle of a stream.
wait_sent() {
	for _ in $(seq 1200); do
		[ "$(counter "$1" "$2" sent 2>/dev/null || true)" -gt 0 ] 2>/dev/null &&
			return 0
		sleep 0.1
	done
	fail "$2 sent nothing in 120 s"
}

# rsyslog_conf FILE PORT OUT [tls]: a collector on PORT writing each
# message to OUT rebuilt from what it parsed, as outcheck -f remote reads.
# Shutdown waits for what was read to be written (timeoutShutdown).
rsyslog_conf() {
	{
	echo "global(workDirectory=\"$PWD\" maxMessageSize=\"64k\" processInternalMessages=\"on\""
	if [ -n "${4:-}" ]; then
		echo " defaultNetstreamDriver=\"gtls\""
		echo " defaultNetstreamDriverCAFile=\"$PWD/pki/ca.pem\""
		echo " defaultNetstreamDriverCertFile=\"$PWD/pki/collector.pem\""
		echo " defaultNetstreamDriverKeyFile=\"$PWD/pki/collector.key\""
	fi
	echo ")"
	echo 'main_queue(queue.timeoutShutdown="60000")'
	echo 'template(name="rebuilt" type="string" string="<%pri%>1 %timereported:::date-rfc3339% %hostname% %app-name% %procid% %msgid% %structured-data% %msg%\n")'
	if [ -n "${4:-}" ]; then
		echo 'module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1"'
		echo '       streamDriver.authMode="x509/name" permittedPeer=["auditclient"])'
	else
		echo 'module(load="imtcp")'
	fi
	echo "input(type=\"imtcp\" port=\"$2\" ruleset=\"remote\")"
	# its own messages ("start" once it is ready) go to internal.log
	echo "syslog.* action(type=\"omfile\" file=\"$PWD/internal.log\")"
	echo "ruleset(name=\"remote\") { action(type=\"omfile\" file=\"$PWD/$3\" template=\"rebuilt\") }"
	} >"$1"
}

# start_rsyslog CONF: runs it until it says it started (in internal.log),
# which comes after its listeners are ready. Under TCG that takes a
# while with TLS: rsyslog's gtls driver makes DH parameters at each start.
starts() {
	cat internal.log 2>/dev/null | grep -c '\] start$' || true
}

start_rsyslog() {
	before=$(starts)
	rsyslogd -n -f "$1" -i "$PWD/rsyslog.pid" >>rsyslog.out 2>&1 &
	RSYSLOG_PID=$!
	for _ in $(seq 1800); do
		[ "$(starts)" -gt "$before" ] && return 0
		kill -0 "$RSYSLOG_PID" 2>/dev/null ||
			fail "rsyslogd did not start: $(cat rsyslog.out)"
		sleep 0.1
	done
	fail "rsyslogd did not start in 180 s: $(cat rsyslog.out)"
}

stop_rsyslog() {
	kill -TERM "$RSYSLOG_PID"
	wait "$RSYSLOG_PID" || true
	RSYSLOG_PID=""
}

# make_pki: a CA, the collector's certificate (collector, 127.0.0.1) and
# the client's (auditclient), EC keys, in ./pki.
make_pki() {
	mkdir -p pki
	(
	cd pki
	ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
	# shellcheck disable=SC2086
	openssl req -x509 $ec -keyout ca.key -out ca.pem -days 2 \
		-subj "/CN=c2audit test CA" 2>/dev/null
	for who in collector auditclient; do
		# shellcheck disable=SC2086
		openssl req $ec -keyout $who.key -out $who.csr \
			-subj "/CN=$who" 2>/dev/null
	done
	printf 'subjectAltName=DNS:collector,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >collector.ext
	printf 'subjectAltName=DNS:auditclient\nextendedKeyUsage=clientAuth\n' >auditclient.ext
	for who in collector auditclient; do
		openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key \
			-CAcreateserial -out $who.pem -days 2 \
			-extfile $who.ext 2>/dev/null
	done
	) || fail "making certificates"
	[ -s pki/auditclient.pem ] || fail "no client certificate"
}

# fwd_dirs: the forwarder's own directories (position, state, its output
# files in ./out), its user's; the test's directory open to it.
fwd_dirs() {
	chmod 755 "$PWD"
	mkdir -p fwd out /run/c2audit-forward
	chown "$FWD_UID:$FWD_UID" fwd out /run/c2audit-forward
}

# start_forwarder: c2audit-forward on ./auditd.conf as FWD_UID (FWD_PID),
# logging to ./fwd.log; returns once it started, after checking that it
# runs with no privilege: not root, no capability.
start_forwarder() {
	: >>fwd.log
	before=$(grep -c 'started:' fwd.log || true)
	runas "$FWD_UID" "$FWD_UID" c2audit-forward -d -c "$PWD/auditd.conf" \
		-p "$PWD/fwd/position" >>fwd.log 2>&1 &
	FWD_PID=$!
	for _ in $(seq 200); do
		[ "$(grep -c 'started:' fwd.log)" -gt "$before" ] && break
		kill -0 "$FWD_PID" 2>/dev/null || { cat fwd.log; fail "c2audit-forward did not start"; }
		sleep 0.1
	done
	uid=$(awk '/^Uid:/ { print $2 }' "/proc/$FWD_PID/status")
	cap=$(awk '/^CapEff:/ { print $2 }' "/proc/$FWD_PID/status")
	[ "$uid" != 0 ] || fail "c2audit-forward runs as root"
	[ "$cap" = 0000000000000000 ] || fail "c2audit-forward has capabilities $cap"
}

# stop_forwarder: SIGTERM, and it must exit 0.
stop_forwarder() {
	kill -TERM "$FWD_PID"
	rc=0
	wait "$FWD_PID" || rc=$?
	FWD_PID=""
	[ "$rc" = 0 ] || { cat fwd.log; fail "c2audit-forward exited $rc"; }
}

# seal_mac FILE: the last chain value of a sealed trail file (its seal's).
seal_mac() {
	tail -c 32 "$1" | od -An -tx1 | tr -d ' \n'
}
