// SPDX-License-Identifier: GPL-2.0
/*
 * c2auditd: reads the module's records in batches and writes them to the
 * hash-chained trail (trail.h), durably as configured (c2auditd.conf).
 *
 * One thread: poll() the device, read() a batch, append it in one write,
 * fdatasync per the flush policy, check space and size; repeat. Signals
 * only set flags, which the loop handles between batches: SIGTERM/SIGINT
 * drain and stop, SIGHUP reloads, SIGUSR1 rotates.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array_size.h"
#include "clock_ns.h"
#include "daemon.h"
#include "dev_audit.h"
#include "log.h"
#include "rules.h"
#include "usermsg.h"

#define DRAIN_NS	2000000000ULL	/* longest a stop keeps reading */
/* longest it waits for what the kernel's audit still holds */
#define KAUDIT_SETTLE_NS 5000000000ULL

static volatile sig_atomic_t sig_stop, sig_reload, sig_rotate;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		sig_reload = 1;
	else if (sig == SIGUSR1)
		sig_rotate = 1;
	else
		sig_stop = 1;
}

/*
 * Handlers without SA_RESTART; the signals stay blocked except inside
 * ppoll(), so a flag is never set just after it was looked at.
 */
static void install_signals(sigset_t *unblocked)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1 };
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

	sigemptyset(&block);
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
		sigaddset(&block, sigs[i]);
		sigaction(sigs[i], &sa, NULL);
	}
	signal(SIGPIPE, SIG_IGN);
	sigprocmask(SIG_BLOCK, &block, unblocked);
}

static bool sync_due(const struct daemon *d)
{
	const struct store *s = &d->store;

	if (!s->dirty)
		return false;
	if (d->conf.flush == FLUSH_BATCH)
		return true;
	return d->conf.flush == FLUSH_INTERVAL &&
	       mono_ns() - s->last_sync_ns >= d->conf.flush_ms * 1000000ULL;
}

static void sync_if_due(struct daemon *d)
{
	if (sync_due(d) && store_sync(d))
		log_warn("fdatasync %s", trail_writer_path(d->store.w));
}

/* The batch in d->buf, into the trail. */
static void write_batch(struct daemon *d)
{
	if (store_write(d, d->buf, d->pending)) {
		cond_write_failed(d, errno);
		return;
	}
	cond_write_ok(d);
	sync_if_due(d);
	cond_after_write(d, false);
}

/* One read(): 1 if it returned records, 0 if none, -1 on error. */
static int read_batch(struct daemon *d)
{
	size_t want = d->conf.read_batch < d->buf_cap ? d->conf.read_batch
						       : d->buf_cap;
	ssize_t n = read(d->rfd, d->buf, want * sizeof(*d->buf));

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n < 0) {
		log_warn("read %s", d->conf.device);
		return -1;
	}
	if (!n)
		return 0;
	d->pending = n / sizeof(*d->buf);
	d->batches++;
	write_batch(d);
	return 1;
}

/* Linux audit's messages waiting, as one batch: 1 if any, else 0. */
static int read_kaudit(struct daemon *d)
{
	d->pending = kaudit_read(d, d->buf, d->buf_cap);
	if (!d->pending)
		return 0;
	d->batches++;
	write_batch(d);
	return 1;
}

static int poll_timeout_ms(const struct daemon *d)
{
	uint64_t due, now;

	if (d->suspend != NO_COND)
		return 1000;
	if (d->conf.flush != FLUSH_INTERVAL || !d->store.dirty)
		return -1;
	due = d->store.last_sync_ns + d->conf.flush_ms * 1000000ULL;
	now = mono_ns();
	return due <= now ? 0 : (int)((due - now) / 1000000) + 1;
}

static void handle_signals(struct daemon *d)
{
	if (sig_reload) {
		sig_reload = 0;
		setup_reload(d);
	}
	if (sig_rotate) {
		sig_rotate = 0;
		log_info("rotating (SIGUSR1)");
		store_rotate(d, true);
		cond_after_write(d, true);
	}
}

static int main_loop(struct daemon *d, const sigset_t *unblocked)
{
	while (!sig_stop) {
		struct pollfd pfd[2] = {
			{ .fd = d->rfd, .events = POLLIN },
			{ .fd = kaudit_fd(d), .events = POLLIN },
		};
		int timeout = poll_timeout_ms(d);
		struct timespec ts = { timeout / 1000, timeout % 1000 * 1000000L };

		/* Suspended: the device is not even looked at. */
		if (d->suspend != NO_COND)
			pfd[0].fd = pfd[1].fd = -1;
		if (ppoll(pfd, 2, timeout < 0 ? NULL : &ts, unblocked) < 0 &&
		    errno != EINTR) {
			log_warn("poll");
			return -1;
		}
		handle_signals(d);
		if (d->suspend != NO_COND) {
			if (!cond_recheck(d))
				continue;
		} else if ((pfd[0].revents & POLLIN) && read_batch(d) < 0) {
			return -1;
		}
		if (d->suspend == NO_COND && !d->pending && pfd[1].revents)
			read_kaudit(d);
		sync_if_due(d);
	}
	return 0;
}

/*
 * Stopping: what the rings hold now goes into the trail (for at most
 * DRAIN_NS under a load that never lets up: the rest waits in the rings
 * for the next reader), then the seal. Nothing is read that cannot be
 * written.
 */
static int drain(struct daemon *d)
{
	uint64_t end = mono_ns() + DRAIN_NS;
	int ret = 0, n;

	if (d->pending && !store_write(d, d->buf, d->pending))
		cond_write_ok(d);
	if (d->pending) {
		log_warnx("stopping with %zu records that could not be written: they are lost",
			  d->pending);
		d->lost += d->pending;
		ret = -1;
	} else if (!d->halting) {
		d->suspend = NO_COND;
		while (mono_ns() < end && (n = read_batch(d)) > 0 && !d->pending)
			;
		/* Linux audit's: up to what the kernel has sent when it
		 * answers, then, no longer its daemon, what is left. */
		end = mono_ns() + KAUDIT_SETTLE_NS;
		kaudit_last_status(d);
		while (!d->pending && mono_ns() < end &&
		       (read_kaudit(d) || kaudit_settling(d, end)))
			;
		kaudit_unregister(d);
		while (!d->pending && read_kaudit(d))
			;
		if (d->pending) {
			log_warnx("stopping with %zu records that could not be written: they are lost",
				  d->pending);
			ret = -1;
		}
	}
	kaudit_stop(d);
	if (store_sync(d))
		log_warn("fdatasync");
	store_close(d, TRAIL_SEAL_STOP);
	log_info("stopped: %" PRIu64 " records in %" PRIu64 " batches, %" PRIu64 " fdatasyncs, %" PRIu64 " lost",
		 d->written, d->batches, d->syncs, d->lost);
	return ret;
}

/*
 * Forks into the background before the device is opened (the module
 * leaves its reader's process unaudited, by process id). The parent waits
 * for the child's word that it runs, so start-up errors still reach the
 * caller's terminal and exit status. Returns the child's end of the pipe.
 */
static int daemonize(void)
{
	int p[2];
	char c = 0;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		fatal("pipe");
	pid = fork();
	if (pid < 0)
		fatal("fork");
	if (pid > 0) {
		close(p[1]);
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(c == '0' ? 0 : 1);
	}
	close(p[0]);
	if (setsid() < 0)
		fatal("setsid");
	if (chdir("/"))
		fatal("chdir /");
	return p[1];
}

static void detach(int ready)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		close(null);
	}
	if (write(ready, "0", 1) != 1)
		log_warn("telling the parent");
	close(ready);
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2auditd [-f | -d] [-n] [-c FILE]\n"
		"       c2auditd -h | -V\n"
		"\n"
		"Reads the c2audit module's records and writes them to the audit\n"
		"trail in the configured log directory, hash-chained (check it with\n"
		"`c2audit verify`), flushed, rotated and guarded as configured.\n"
		"\n"
		"  -c FILE        configuration (default " CONF_PATH ";\n"
		"                 without it and with no such file, the defaults)\n"
		"  -f             stay in the foreground (systemd); log to syslog\n"
		"  -d             stay in the foreground; log to stderr, verbosely\n"
		"  -n             check the configuration, key and rules files; exit\n"
		"  -h, --help     this help\n"
		"  -V, --version  the version of c2auditd\n"
		"\n"
		"Signals: SIGTERM drains the rings, syncs, seals the file and exits;\n"
		"SIGHUP reloads the configuration and the rules; SIGUSR1 rotates.\n"
		"Exit status: 0 stopped cleanly, 1 failure, 2 usage error.\n");
}

struct opts {
	const char *conf;
	bool foreground, debug, check;
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "c:fdnhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o->conf = optarg;
			break;
		case 'f':
			o->foreground = true;
			break;
		case 'd':
			o->foreground = o->debug = true;
			break;
		case 'n':
			o->check = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("c2auditd %s\n", C2A_VERSION);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return -1;
	}
	return 0;
}

static int check_only(const struct conf *c)
{
	struct trail_key key;
	struct ruleset rs;

	if (setup_key(c, &key))
		return 1;
	trail_key_free(&key);
	if (c->rules_file[0]) {
		if (ruleset_load(c->rules_file, NULL, &rs))
			return 1;
		ruleset_free(&rs);
	}
	printf("configuration ok\n");
	return 0;
}

static int start(struct daemon *d, const struct opts *o, sigset_t *unblocked)
{
	char flush[32];
	int ready = -1;

	if (setup_log_dir(d->conf.log_dir, &d->conf.log_group) ||
	    setup_key(&d->conf, &d->key))
		return -1;
	if (!o->foreground)
		ready = daemonize();
	install_signals(unblocked);
	d->rfd = dev_open_reader(d->conf.device, true);
	if (d->rfd < 0)
		return -1;
	/* a message of Linux audit's takes up to USERMSG_RECORDS_MAX */
	d->buf_cap = d->conf.read_batch > USERMSG_RECORDS_MAX + 2 ?
		     d->conf.read_batch : USERMSG_RECORDS_MAX + 2;
	d->buf = calloc(d->buf_cap, sizeof(*d->buf));
	if (!d->buf)
		fatal("out of memory");
	if (store_open(d) || kaudit_start(d))
		return -1;
	setup_rules(&d->conf);
	cond_after_write(d, true);
	conf_flush_name(&d->conf, flush, sizeof(flush));
	log_info("started: reading %s into %s (flush %s)", d->conf.device,
		 trail_writer_path(d->store.w), flush);
	if (ready >= 0)
		detach(ready);
	if (!o->debug)
		log_to_syslog();
	return 0;
}

int main(int argc, char **argv)
{
	struct daemon d = { .rfd = -1, .suspend = NO_COND };
	struct opts o = { 0 };
	sigset_t unblocked;
	int ret;

	log_init("c2auditd");
	if (parse_opts(argc, argv, &o))
		return 2;
	log_set_verbose(o.debug);
	d.conf_path = o.conf;
	if (o.conf ? conf_load(&d.conf, o.conf) : conf_load_default(&d.conf))
		return 1;
	if (o.check)
		return check_only(&d.conf);
	umask(077);
	if (start(&d, &o, &unblocked))
		return 1;
	ret = main_loop(&d, &unblocked);
	if (drain(&d))
		ret = -1;
	close(d.rfd);
	trail_key_free(&d.key);
	free(d.buf);
	return ret ? 1 : 0;
}
