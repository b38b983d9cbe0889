# SPDX-License-Identifier: GPL-2.0
#
# make bench: the guest's "R" lines (bench/guest.sh) as one Markdown table,
# then the issue's targets, each with the figures that decide it.
#
#   awk -f bench/table.awk GUEST-OUTPUT
#
# ops/s is the workload's rate; "vs base" divides it by the mean of the two
# baseline runs of the same workload (one before c2audit's scenarios, one
# after), whose own ratios show the drift between them. events: the
# workload's audit events in the trail; written/s: those over the time
# until the trail had them all (the run, and the drain after it); CPU
# s/Mev: the trail writer's CPU seconds (kauditd's and auditd's for Linux
# audit) per million events; B/ev: trail bytes per event. Per scenario a
# last row sums up: the highest rate it wrote without losing anything, and
# the writer's CPU time over all its events.

function num(x) { return x == "-" ? 0 : x + 0 }
function fmt_rate(x) { return x >= 100 ? sprintf("%.0f", x) : sprintf("%.1f", x) }
# Per-event figures of a run with few events say more about the trail's
# fixed costs (its header, the reader attaching) than about events.
function fmt_cpu(ticks, events) {
	return events >= MIN_EVENTS && ticks != "-" ? sprintf("%.1f", ticks / HZ / events * 1e6) : "-"
}
function row(a, b, c, d, e, f, g, h, i) {
	printf "| %-14s | %-8s | %9s | %7s | %8s | %7s | %9s | %9s | %6s |\n", a, b, c, d, e, f, g, h, i
}
function pct(x) { return sprintf("%.1f%%", 100 * x) }

# c2audit's scenarios with c2auditd writing the trail: the targets' subject
BEGIN { HZ = 100; MIN_EVENTS = 100; DAEMON = "^c2-(drop|block)-(none|batch)$" }
/^I / { info[$2] = substr($0, length($2) + 4); next }
/^R / {
	if (NF != 11) {
		printf "table.awk: line %d has %d fields, not 11: %s\n", FNR, NF, $0 > "/dev/stderr"
		bad = 1
		exit 1
	}
	n++
	sc[n] = $2; wl[n] = $3; nproc[n] = $4; ops[n] = $5; secs[n] = $6
	ev[n] = $7; lost[n] = $8; cpu[n] = $9; bytes[n] = $10; drain[n] = $11
	rate[n] = secs[n] > 0 ? ops[n] / secs[n] : 0
	if (!(sc[n] in seen)) { seen[sc[n]] = 1; order[++nsc] = sc[n] }
	if (sc[n] ~ /^baseline/) { base_sum[wl[n]] += rate[n]; base_n[wl[n]]++ }
	srate[sc[n], wl[n]] = rate[n]
	sevents[sc[n], wl[n]] = ev[n]
	slost[sc[n], wl[n]] = lost[n]
	if (!(wl[n] in wl_seen)) { wl_seen[wl[n]] = 1; wl_order[++nwl] = wl[n] }
	next
}
END {
	if (bad) exit 1
	if (!n) { print "table.awk: no results" > "/dev/stderr"; exit 1 }
	for (w in base_sum) base[w] = base_sum[w] / base_n[w]
	row("scenario", "workload", "ops/s", "vs base", "events", "lost", "written/s", "CPU s/Mev", "B/ev")
	print "|----------------|----------|----------:|--------:|---------:|--------:|----------:|----------:|-------:|"
	for (s = 1; s <= nsc; s++) {
		name = order[s]; maxrate = 0; tev = 0; tcpu = 0; audited = 0
		for (i = 1; i <= n; i++) {
			if (sc[i] != name) continue
			r = base[wl[i]] > 0 ? rate[i] / base[wl[i]] : 0
			wrate = ev[i] == "-" ? 0 : ev[i] / (secs[i] + drain[i])
			row(name, wl[i], fmt_rate(rate[i]), sprintf("%.3f", r), ev[i], lost[i],
			    ev[i] == "-" ? "-" : fmt_rate(wrate), fmt_cpu(cpu[i], num(ev[i])),
			    num(ev[i]) >= MIN_EVENTS ? sprintf("%.0f", bytes[i] / ev[i]) : "-")
			ratio[name, wl[i]] = r
			swrate[name, wl[i]] = wrate
			if (ev[i] == "-") continue
			audited = 1
			tev += ev[i]; tcpu += num(cpu[i]); tlost[name] += lost[i]
			if (lost[i] == 0 && wrate > maxrate) maxrate = wrate
		}
		if (!audited || !tev) continue
		cpu_per_mev[name] = tev > 0 ? tcpu / HZ / tev * 1e6 : 0
		row(name, "(all)", "", "", tev, tlost[name], "max " fmt_rate(maxrate),
		    fmt_cpu(tcpu, tev), "")
	}

	breakdown()
	print ""
	print "Targets (from the issue; benchmark figures, not tests):"
	print ""
	target("audited open/close >= 50% of baseline", "open1", 0.5)
	target_one("bare reader: open1 >= 70% of baseline", "c2-block-reader", "open1", 0.70)
	target_one("bare reader: grep >= 85% of baseline", "c2-block-reader", "grep", 0.85)
	target_one("bare reader: create >= 85% of baseline", "c2-block-reader", "create", 0.85)
	target_one("c2auditd, flush per batch: open1 >= 40% of baseline", "c2-block-batch", "open1", 0.40)
	target_one("c2auditd, flush per batch: exec >= 75% of baseline", "c2-block-batch", "exec", 0.75)
	target_one("c2auditd, flush per batch: grep >= 75% of baseline", "c2-block-batch", "grep", 0.75)
	target_one("c2auditd, flush per batch: create >= 75% of baseline", "c2-block-batch", "create", 0.75)
	target_cpu()
	target("unaudited syscall >= 99% of baseline", "getppid", 0.99)
	target_one("unaudited syscall >= 99% with the STIG rules and kernel_audit=own",
		   "c2-stig", "getppid", 0.99)
	target_loss()
	target_outputs(0.95)
	target_ebpf()
}

# Where the time of an audited open/close goes: each step's scenario
# against the one before it, in microseconds of guest time per operation
# (one event each). Under the icount clock that is instructions x 8 ns.
function breakdown(    steps, kv, n, i, prev, t, tp) {
	n = split("baseline=the call itself (baseline)|" \
		  "c2-probes=hooks, rule decided at entry|" \
		  "c2-capture=capture: wrapper, subject, names, paths|" \
		  "c2-block-reader=commit to the ring, a bare reader|" \
		  "c2-block-none=c2auditd instead (hash chain, write)|" \
		  "c2-block-batch=or c2auditd with a flush per batch", steps, "|")
	if (!((("c2-capture", "open1") in srate)) || !base["open1"]) return
	print ""
	print "Cost of one audited open/close (open1), guest microseconds per operation:"
	print ""
	prev = ""
	for (i = 1; i <= n; i++) {
		split(steps[i], kv, "=")
		if (!((kv[1], "open1") in srate)) continue
		t = kv[1] == "baseline" ? 1e6 / base["open1"] : 1e6 / srate[kv[1], "open1"]
		printf "  %-55s %8.1f  (%+.1f)\n", kv[2], t, prev == "" ? 0 : t - tp
		prev = kv[1]; tp = t
	}
	if (("linux-default", "open1") in srate)
		printf "  %-55s %8.1f\n", "Linux audit (kauditd, auditd, Debian's settings)",
		       1e6 / srate["linux-default", "open1"]
}

# A ratio of DAEMON scenarios' WL to the baseline, against MIN; Linux
# audit's and the eBPF peer's beside it.
function target(what, wl, min,    s, ok, n, detail) {
	ok = 1
	for (s = 1; s <= nsc; s++) if (order[s] ~ DAEMON && (order[s], wl) in ratio) {
		n++
		ok = ok && ratio[order[s], wl] >= min
		detail = detail sprintf("%s %s; ", order[s], pct(ratio[order[s], wl]))
	}
	for (s = 1; s <= nsc; s++) if (order[s] ~ /^(linux|baseline-2|ebpf)/ && (order[s], wl) in ratio)
		detail = detail sprintf("%s %s; ", order[s], pct(ratio[order[s], wl]))
	report(what, n, ok, detail)
}

# One scenario's ratio on one workload, when it ran.
function target_one(what, sc, wl, min) {
	if (!((sc, wl) in ratio)) return
	report(what, 1, ratio[sc, wl] >= min, sprintf("%s %s; ", sc, pct(ratio[sc, wl])))
}

# c2auditd's CPU per event against kauditd + auditd's with the flush alike.
function target_cpu(    s, ok, n, detail, lx, q) {
	ok = 1
	for (s = 1; s <= nsc; s++) if (order[s] ~ DAEMON) {
		lx = order[s] ~ /none$/ ? "linux-none" : "linux-default"
		if (!cpu_per_mev[lx] || !(order[s] in cpu_per_mev)) continue
		n++
		q = cpu_per_mev[order[s]] / cpu_per_mev[lx]
		ok = ok && q <= 0.1
		detail = detail sprintf("%s %.3f of %s; ", order[s], q, lx)
	}
	report("trail writer's CPU per event <= 1/10 of kauditd + auditd's", n, ok, detail)
}

function target_loss(    s, ok, n, detail) {
	ok = 1
	for (s = 1; s <= nsc; s++) if (order[s] ~ /^c2-block/ && order[s] in tlost) {
		n++
		ok = ok && tlost[order[s]] == 0
		detail = detail sprintf("%s lost %d; ", order[s], tlost[order[s]])
	}
	report("zero loss in block mode", n, ok, detail)
}

# Issue 13: two outputs attached (c2-block-batch-out) leave the trail's
# pace alone: the audited workloads' rate, which in block mode is the rate
# the trail takes events at, against c2-block-batch's, workload by
# workload, with the written/s ratio beside it.
function target_outputs(min,    i, w, ok, n, detail, q, off, on) {
	ok = 1
	off = "c2-block-batch"; on = "c2-block-batch-out"
	for (i = 1; i <= nwl; i++) {
		w = wl_order[i]
		if (!((off, w) in srate) || !((on, w) in srate) ||
		    num(sevents[off, w]) < MIN_EVENTS || !swrate[off, w])
			continue
		n++
		q = srate[on, w] / srate[off, w]
		ok = ok && q >= min
		detail = detail sprintf("%s ops %s, written %s; ", w, pct(q),
			pct(swrate[on, w] / swrate[off, w]))
	}
	report(sprintf("trail's rate with two outputs >= %s of without", pct(min)), n, ok, detail)
}

# The eBPF peer (bench/ebpf.sh): c2audit's block-mode scenarios ahead of
# it on open1, and losing nothing on the workloads where it lost events.
function target_ebpf(    peer, s, ok, n, detail, i, w, dropped) {
	peer = "ebpf-bpftrace"
	if (!((peer, "open1") in srate)) return
	ok = 1
	for (s = 1; s <= nsc; s++) if (order[s] ~ /^c2-block-(batch|reader)$/ && (order[s], "open1") in srate) {
		n++
		ok = ok && srate[order[s], "open1"] > srate[peer, "open1"]
		detail = detail sprintf("%s %s ops/s; ", order[s], fmt_rate(srate[order[s], "open1"]))
	}
	detail = detail sprintf("%s %s ops/s, lost %d", peer, fmt_rate(srate[peer, "open1"]),
				slost[peer, "open1"])
	report("ahead of the eBPF peer on open1", n, ok, detail)
	ok = 1; n = 0; detail = ""
	for (i = 1; i <= nwl; i++) {
		w = wl_order[i]
		if (!((peer, w) in slost) || num(slost[peer, w]) == 0) continue
		dropped = dropped sprintf("%s %d; ", w, slost[peer, w])
		for (s = 1; s <= nsc; s++) if (order[s] ~ /^c2-block/ && (order[s], w) in slost) {
			n++
			ok = ok && num(slost[order[s], w]) == 0
			if (num(slost[order[s], w])) detail = detail sprintf("%s lost %d on %s; ", order[s], slost[order[s], w], w)
		}
	}
	sub(/; $/, "", dropped)
	if (dropped == "") dropped = "none"
	report("nothing lost in block mode where the eBPF peer loses (it lost: " dropped ")",
	       n, ok, detail)
}

function report(what, n, ok, detail) {
	sub(/; $/, "", detail)
	printf "- %s: %s%s\n", what, !n ? "not measured" : ok ? "met" : "NOT met",
	       detail != "" ? " (" detail ")" : ""
}
