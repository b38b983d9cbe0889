// SPDX-License-Identifier: GPL-2.0
/*
 * c2audit trace: run a command and print, live, the audit view of it and
 * of every process it starts, like strace or lsmtrace. The command starts
 * stopped; an observer (a second, lossy channel of the module, apart from
 * the audit trail) is set on it, then it runs. Whoever reads /dev/audit
 * (c2auditd, or nobody) gets exactly what it would get without the trace.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock_ns.h"
#include "cmd.h"
#include "dev_audit.h"
#include "fields.h"
#include "log.h"
#include "record.h"
#include "render.h"
#include "trace.h"

#define TRACE_BATCH		256	/* records per read() */
#define TRACE_SLOTS		4096	/* the observer's ring */
#define TRACE_POLL_MS		100
/* A hook waits this long for its syscall's record, then goes out alone. */
#define TRACE_WAIT_NS		1000000000ULL
#define LSM_ALL			(((1u << C2A_LSM_COUNT) - 1) & ~1u)

static volatile sig_atomic_t trace_signal;	/* to pass on to the command */
static volatile sig_atomic_t trace_child_changed;

struct tracer {
	FILE *out;
	bool json;
	struct buf line;
	struct trace order;
	struct evt_asm a;
};

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	/* One the terminal sent the whole group has reached the command too. */
	if (si->si_code <= 0)
		trace_signal = sig;
}

static void on_child(int sig)
{
	(void)sig;
	trace_child_changed = 1;
}

/* One JSON object per event, led by its depth (1: a hook inside a syscall). */
static void trace_json(const struct evt *ev, int depth, struct buf *out)
{
	static const char *const depths[] = { "0", "1" };
	struct fields f, g = { .n = 1 };

	fields_build(ev, &f);
	g.f[0] = (struct field){ "depth", FLD_NUM, depths[depth], 1 };
	for (unsigned int i = 0; i < f.n && g.n < FIELDS_MAX; i++)
		g.f[g.n++] = f.f[i];
	render_json(&g, out);
}

/* The order of hooks in syscalls decided, an event goes out. */
static void trace_print(enum trace_kind kind, const struct evt *ev, void *ctx)
{
	struct tracer *tr = ctx;

	buf_reset(&tr->line);
	if (tr->json) {
		/* A syscall is one object, at its start. */
		if (kind == TRACE_EXIT)
			return;
		trace_json(ev, kind == TRACE_HOOK, &tr->line);
	} else {
		trace_render_text(kind, ev, &tr->line);
	}
	buf_addc(&tr->line, '\n');
	fwrite(tr->line.data, 1, tr->line.len, tr->out);
}

static void trace_event(const struct evt *ev, void *ctx)
{
	struct tracer *tr = ctx;

	trace_feed(&tr->order, ev, mono_ns());
}

/* Reads what the observer holds; false on an error. */
static bool trace_drain(int ofd, struct tracer *tr, struct c2a_record *recs)
{
	for (;;) {
		ssize_t n = read(ofd, recs, TRACE_BATCH * sizeof(*recs));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0) {
			log_warn("read the observer");
			return false;
		}
		for (size_t i = 0; i < n / sizeof(*recs); i++)
			evt_asm_feed(&tr->a, &recs[i]);
	}
	trace_expire(&tr->order, mono_ns() - TRACE_WAIT_NS);
	fflush(tr->out);
	return true;
}

/* The command, stopped before it runs anything of its own. */
static pid_t start_stopped(char **argv)
{
	pid_t pid = fork();
	int status;

	if (pid < 0) {
		log_warn("fork");
		return -1;
	}
	if (!pid) {
		raise(SIGSTOP);
		execvp(argv[0], argv);
		log_warn("%s", argv[0]);
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (waitpid(pid, &status, WUNTRACED) < 0 || !WIFSTOPPED(status)) {
		log_warnx("%s did not start", argv[0]);
		return -1;
	}
	return pid;
}

/* The shell's convention: the command's code, or 128 + its signal. */
static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

static int trace_loop(int ofd, pid_t pid, struct tracer *tr)
{
	struct c2a_record *recs = calloc(TRACE_BATCH, sizeof(*recs));
	int status = 0;
	bool alive = true;

	if (!recs)
		fatal("out of memory");
	while (alive) {
		struct pollfd pfd = { .fd = ofd, .events = POLLIN };

		if (poll(&pfd, 1, TRACE_POLL_MS) < 0 && errno != EINTR)
			fatal("poll");
		if (trace_signal) {
			kill(pid, trace_signal);
			trace_signal = 0;
		}
		trace_child_changed = 0;
		/* Its records are in the ring before its parent can reap it. */
		alive = waitpid(pid, &status, WNOHANG) == 0;
		if (!trace_drain(ofd, tr, recs)) {
			free(recs);
			return EXIT_FAIL;
		}
	}
	free(recs);
	evt_asm_flush(&tr->a);
	trace_flush(&tr->order);
	fflush(tr->out);
	return exit_code(status);
}

static void report_observer(int ofd, bool at_end)
{
	struct c2a_observer_stats st;

	if (dev_observer_stats(ofd, &st))
		return;
	if (!at_end && st.lsm_missing) {
		struct buf names = { 0 };

		for (unsigned int h = 1; h < C2A_LSM_COUNT; h++)
			if (st.lsm_missing & (1u << h))
				buf_printf(&names, " %s", lsm_hook_name(h));
		log_warnx("LSM hooks this kernel lacks, not traced:%s",
			  buf_cstr(&names));
		buf_free(&names);
	}
	if (at_end && st.dropped)
		log_warnx("%llu records were lost: the trace's ring was full (a larger -b helps)",
			  (unsigned long long)st.dropped);
	if (at_end && st.untracked)
		log_warnx("%llu processes the command started could not be followed",
			  (unsigned long long)st.untracked);
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit trace [--lsm[=HOOK,...]] [--json] [-o FILE] [-b RECORDS]\n"
		"                     -- CMD [ARGS...]\n"
		"\n"
		"Run CMD and print, as they happen, the audit records of CMD and of\n"
		"every process it starts: each syscall the module knows, whether or\n"
		"not a rule audits it, and with --lsm the kernel's security checks (LSM\n"
		"hooks) inside them, one line per event:\n"
		"\n"
		"  TIME PID COMM -> execve path=/bin/ls ...      a syscall, entered\n"
		"  TIME PID COMM      bprm_check ino=... = 0     a hook inside it\n"
		"  TIME PID COMM <- execve = 0                   the syscall's result\n"
		"  TIME PID COMM openat path=/etc ... = 3        a syscall without hooks\n"
		"  TIME PID COMM    mmap_file ... = 0 [in mmap]  a hook outside audited calls\n"
		"\n"
		"TIME is UTC; a syscall's is when it was entered. Hook results are the\n"
		"kernel's decision: 0 allowed, -errno denied.\n"
		"\n"
		"  --lsm[=HOOK,...]  also these LSM hooks (default: all; see `c2audit\n"
		"                    rules --help` for their names)\n"
		"  --json            one JSON object per event; hooks inside a syscall\n"
		"                    follow it with \"depth\":1\n"
		"  -o, --output FILE write the trace to FILE instead of stdout\n"
		"  -b, --buffer N    records the trace can hold while it prints\n"
		"                    (a power of two, default %d); beyond, records are\n"
		"                    lost, and counted\n"
		"\n"
		"The audit trail is not touched: its reader (c2auditd, if running)\n"
		"gets the records the rules select, as without trace. Needs\n"
		"CAP_AUDIT_READ. Exit status: CMD's (128 + N when killed by signal N);\n"
		"1 when the trace failed, 2 usage error.\n",
		TRACE_SLOTS);
}

static bool parse_hooks(const char *arg, uint32_t *hooks)
{
	char *copy = strdup(arg), *save = NULL;
	bool ok = true;

	if (!copy)
		fatal("out of memory");
	for (char *h = strtok_r(copy, ",", &save); h && ok;
	     h = strtok_r(NULL, ",", &save)) {
		int id = lsm_hook_lookup(h);

		if (!strcmp(h, "@all"))
			*hooks |= LSM_ALL;
		else if (id > 0)
			*hooks |= 1u << id;
		else
			ok = false;
		if (!ok)
			log_warnx("--lsm: '%s' is not an LSM hook; see `c2audit rules --help`",
				  h);
	}
	free(copy);
	return ok;
}

static bool parse_slots(const char *arg, uint32_t *slots)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);

	if (*end || n < C2A_SLOTS_MIN || n > C2A_SLOTS_MAX || (n & (n - 1))) {
		log_warnx("-b %s: expected a power of two from %u to %u", arg,
			  C2A_SLOTS_MIN, C2A_SLOTS_MAX);
		return false;
	}
	*slots = n;
	return true;
}

#define TRACE_GO	-1	/* parse_options(): no reason to exit */

/* Options into @req and @tr; TRACE_GO, or the status to exit with. */
static int parse_options(int argc, char **argv, struct c2a_observe *req,
			 struct tracer *tr, const char **path)
{
	static const struct option opts[] = {
		{ "lsm", optional_argument, NULL, 'L' },
		{ "json", no_argument, NULL, 'j' },
		{ "output", required_argument, NULL, 'o' },
		{ "buffer", required_argument, NULL, 'b' },
		{ 0 }
	};
	int c, ret;

	while ((c = cmd_getopt(argc, argv, "o:b:", opts, usage, &ret)) != -1) {
		switch (c) {
		case CMD_DONE:
			return ret;
		case 'L':
			req->flags |= C2A_OBS_LSM;
			if (optarg && !parse_hooks(optarg, &req->lsm_hooks))
				return EXIT_USAGE;
			break;
		case 'j':
			tr->json = true;
			break;
		case 'o':
			*path = optarg;
			break;
		case 'b':
			if (!parse_slots(optarg, &req->slots))
				return EXIT_USAGE;
			break;
		}
	}
	if (optind == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	return TRACE_GO;
}

/* Follows the stopped command @pid, then lets it run. */
static int trace_attach(const char *device, struct c2a_observe *req, pid_t pid)
{
	int qfd = dev_open_query(device), ofd = -1;

	req->pid = pid;
	if (qfd >= 0)
		ofd = dev_observe(qfd, req);
	if (qfd >= 0)
		close(qfd);
	if (ofd < 0 || fcntl(ofd, F_SETFL, O_NONBLOCK)) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		if (ofd >= 0)
			close(ofd);
		return -1;
	}
	report_observer(ofd, false);
	kill(pid, SIGCONT);
	return ofd;
}

static void install_signals(void)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
	struct sigaction sc = { .sa_handler = on_child };

	/* No SA_RESTART: a signal ends poll() with EINTR. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sc, NULL);
}

int cmd_trace(const struct cli *cli, int argc, char **argv)
{
	struct c2a_observe req = { .size = sizeof(req), .slots = TRACE_SLOTS };
	struct tracer tr = { .out = stdout };
	const char *path = NULL;
	int ret, ofd;
	pid_t pid;

	ret = parse_options(argc, argv, &req, &tr, &path);
	if (ret != TRACE_GO)
		return ret;
	if (path && !(tr.out = fopen(path, "we"))) {
		log_warn("%s", path);
		return EXIT_FAIL;
	}
	pid = start_stopped(argv + optind);
	if (pid < 0)
		return EXIT_FAIL;
	ofd = trace_attach(cli->device, &req, pid);
	if (ofd < 0)
		return EXIT_FAIL;
	install_signals();
	evt_asm_init(&tr.a, trace_event, &tr);
	trace_init(&tr.order, trace_print, &tr);
	ret = trace_loop(ofd, pid, &tr);
	report_observer(ofd, true);
	trace_free(&tr.order);
	evt_asm_free(&tr.a);
	buf_free(&tr.line);
	close(ofd);
	if (tr.out != stdout && fclose(tr.out)) {
		log_warn("%s", path);
		return EXIT_FAIL;
	}
	return ret;
}
