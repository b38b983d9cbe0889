// SPDX-License-Identifier: GPL-2.0
/*
 * trailbench: c2auditd's trail writer on the host, without the module or
 * a guest. c2auditd's own store and condition code (trail_files.c,
 * disk_actions.c) and the library's trail writer take batches of
 * records laid out as the module writes them (tests/unit/recgen.c) and do
 * per batch what c2auditd's write_batch does with flush=batch: append (the
 * hash chain over each frame, one write), fdatasync, the size and space
 * checks (rotation at max_log_file, pruning beyond num_logs), all with
 * c2auditd's defaults. One thread: its rate is one core's. The trail is
 * then checked with the reader's verify, so a fast writer of a bad trail
 * does not count.
 *
 * usage: trailbench [-s SECONDS] [-b RECORDS] DIR
 *
 * Writes under DIR (which must not exist; the caller removes it) for SECONDS
 * (default 5) per chain, unkeyed (SHA-256) then keyed (HMAC-SHA-256), in
 * batches of RECORDS (default: read_batch, 1024). One line per chain:
 *
 *   chain=sha256 batch=1024 records=N secs=S cpu=S sync=S bytes=N syncs=N
 *     files=N
 *
 * cpu: the thread's CPU time, user and system; sync: the time spent in
 * fdatasync; files: those left (num_logs), all verified.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "array_size.h"
#include "clock_ns.h"
#include "daemon.h"
#include "log.h"
#include "recgen.h"

#define POOL_EVENTS	256

/*
 * Events of a busy host, as c2auditd sees them: mostly opens of short and
 * middling paths, some execs with their arguments, a deletion under a
 * long cache path and a deep path that needs a continuation record.
 */
struct tmpl {
	unsigned int weight;
	uint32_t sysid;
	uint32_t nr;
	int64_t ret;
	const char *comm;
	struct gen_str strs[4];
};

#define S(t, str) { t, str, sizeof(str) - 1 }

static const struct tmpl tmpls[] = {
	{ 8, C2A_SYS_openat, 257, 3, "cat", {
		S(C2A_STR_EXE, "/usr/bin/cat"),
		S(C2A_STR_NAME, "/etc/ld.so.cache"),
		S(C2A_STR_PATH, "/etc/ld.so.cache") } },
	{ 8, C2A_SYS_openat, 257, 4, "grep", {
		S(C2A_STR_EXE, "/usr/bin/grep"),
		S(C2A_STR_NAME, "src/daemon/lib/trail/trail_write.c"),
		S(C2A_STR_PATH, "/home/alice/work/c2audit/src/daemon/lib/trail/trail_write.c") } },
	{ 4, C2A_SYS_openat, 257, -2, "bash", {
		S(C2A_STR_EXE, "/usr/bin/bash"),
		S(C2A_STR_NAME, "/home/alice/.bash_aliases"),
		S(C2A_STR_PATH, "/home/alice/.bash_aliases") } },
	{ 2, C2A_SYS_execve, 59, 0, "ls", {
		S(C2A_STR_EXE, "/usr/bin/ls"),
		S(C2A_STR_NAME, "/usr/bin/ls"),
		S(C2A_STR_PATH, "/usr/bin/ls"),
		S(C2A_STR_ARGV, "ls\0--color=auto\0-la\0/var/log") } },
	{ 1, C2A_SYS_unlinkat, 263, 0, "firefox-esr", {
		S(C2A_STR_EXE, "/usr/lib/firefox-esr/firefox-esr"),
		S(C2A_STR_NAME, "/home/alice/.cache/mozilla/firefox/x7k2p9qa.default-esr/cache2/entries/3F9A0C41B7D2E8F6A1C3B5D7E9F10234A6C8E0B2"),
		S(C2A_STR_PATH, "/home/alice/.cache/mozilla/firefox/x7k2p9qa.default-esr/cache2/entries/3F9A0C41B7D2E8F6A1C3B5D7E9F10234A6C8E0B2") } },
	{ 1, C2A_SYS_openat, 257, 21, "node", {
		S(C2A_STR_EXE, "/usr/bin/node"),
		S(C2A_STR_NAME, "node_modules/@babel/runtime/helpers/esm/objectWithoutPropertiesLoose.js"),
		S(C2A_STR_PATH, "/home/alice/work/webapp/packages/frontend/node_modules/@babel/runtime/helpers/esm/objectWithoutPropertiesLoose.js") } },
};

static int nstrs(const struct tmpl *t)
{
	int n = 0;

	while (n < (int)ARRAY_SIZE(t->strs) && t->strs[n].s)
		n++;
	return n;
}

/* POOL_EVENTS events in the templates' proportions; *n: the records. */
static struct c2a_record *make_pool(size_t *n)
{
	unsigned int total = 0, k = 0;
	size_t cap = POOL_EVENTS * 4, used = 0;
	struct c2a_record *pool = calloc(cap, sizeof(*pool));

	if (!pool)
		fatal("out of memory");
	for (size_t i = 0; i < ARRAY_SIZE(tmpls); i++)
		total += tmpls[i].weight;
	for (unsigned int e = 0; e < POOL_EVENTS; e++) {
		const struct tmpl *t = tmpls;
		unsigned int pick = e * 7 % total, acc = 0;
		struct c2a_record *head = &pool[used];

		for (size_t i = 0; i < ARRAY_SIZE(tmpls); i++) {
			acc += tmpls[i].weight;
			if (pick < acc) {
				t = &tmpls[i];
				break;
			}
		}
		used += gen_event(head, cap - used, 0, used + 1, t->strs, nstrs(t));
		head->ev.u.sys.sysid = t->sysid;
		head->ev.u.sys.nr = t->nr;
		head->ev.u.sys.ret = t->ret;
		head->ev.subj.pid = head->ev.subj.tgid = 4000 + k++ % 97;
		head->ev.subj.ppid = 1200;
		head->ev.subj.auid = head->ev.subj.uid = head->ev.subj.euid = 1000;
		head->ev.subj.suid = head->ev.subj.fsuid = 1000;
		head->ev.subj.gid = head->ev.subj.egid = 1000;
		head->ev.subj.sgid = head->ev.subj.fsgid = 1000;
		head->ev.subj.sessionid = 3;
		memset(head->ev.subj.comm, 0, sizeof(head->ev.subj.comm));
		strncpy(head->ev.subj.comm, t->comm, sizeof(head->ev.subj.comm) - 1);
	}
	*n = used;
	return pool;
}

struct result {
	uint64_t records, bytes, syncs, cpu_ns, sync_ns, wall_ns;
	size_t files;
};

/* Next @n records of the pool into @buf, numbered and timed afresh. */
static void fill(struct c2a_record *buf, size_t n, const struct c2a_record *pool,
		 size_t npool, uint64_t *next)
{
	uint64_t now = clock_ns(CLOCK_REALTIME);

	for (size_t i = 0; i < n; i++, (*next)++) {
		buf[i] = pool[*next % npool];
		buf[i].hdr.seq = *next + 1;
		buf[i].hdr.time_ns = now;
	}
}

/* One batch, as c2auditd's write_batch with flush=batch. */
static void write_batch(struct daemon *d, struct result *r)
{
	uint64_t t0;

	if (store_write(d, d->buf, d->pending)) {
		cond_write_failed(d, errno);
		fatalx("writing the trail in %s failed", d->conf.log_dir);
	}
	cond_write_ok(d);
	t0 = mono_ns();
	if (store_sync(d))
		fatal("fdatasync %s", trail_writer_path(d->store.w));
	r->sync_ns += mono_ns() - t0;
	cond_after_write(d, false);
	if (d->suspend != NO_COND)
		fatalx("c2auditd's condition code suspended writing (see above)");
}

/* Every file left in @dir, its chain checked: the records they hold. */
static uint64_t verify(const char *dir, const struct trail_key *key,
		       size_t *nfiles)
{
	struct trail_files files;
	uint64_t records = 0;
	char err[512];

	if (trail_list(dir, &files, err, sizeof(err)))
		fatalx("%s", err);
	for (size_t i = 0; i < files.n; i++) {
		struct trail_reader *r = trail_open(files.f[i].path, key,
						    TRAIL_VERIFY, err, sizeof(err));
		const struct c2a_record *rec;
		enum trail_step s;

		if (!r)
			fatalx("%s", err);
		while ((s = trail_next(r, &rec)) == TRAIL_RECORD)
			records++;
		if (s != TRAIL_END)
			fatalx("%s: %s", files.f[i].path, trail_damage(r));
		if (trail_end_state(r) != TRAIL_SEALED)
			fatalx("%s: not sealed", files.f[i].path);
		trail_close(r);
	}
	*nfiles = files.n;
	trail_files_free(&files);
	return records;
}

/* A key file as an administrator makes one: 32 random bytes, mode 0600. */
static void make_key(const char *path, struct trail_key *key)
{
	unsigned char bytes[32];
	char err[512];
	int in = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	int out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (in < 0 || read(in, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes))
		fatal("/dev/urandom");
	if (out < 0 || write(out, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes) ||
	    close(out))
		fatal("%s", path);
	close(in);
	if (trail_key_load(path, key, err, sizeof(err)))
		fatalx("%s", err);
}

static void run(const char *top, bool keyed, size_t batch, unsigned int secs,
		const struct c2a_record *pool, size_t npool, struct result *r)
{
	struct daemon d = { .rfd = -1, .suspend = NO_COND };
	uint64_t next = 0, end, w0, c0, kept;
	char path[PATH_MAX];

	memset(r, 0, sizeof(*r));
	conf_init(&d.conf);
	snprintf(d.conf.log_dir, sizeof(d.conf.log_dir), "%s/%s", top,
		 keyed ? "hmac" : "sha256");
	if (mkdir(d.conf.log_dir, 0700))
		fatal("mkdir %s", d.conf.log_dir);
	if (keyed) {
		snprintf(path, sizeof(path), "%s/%s.key", top, "hmac");
		snprintf(d.conf.key_file, sizeof(d.conf.key_file), "%s", path);
		make_key(path, &d.key);
	}
	d.buf_cap = batch;
	d.buf = calloc(batch, sizeof(*d.buf));
	if (!d.buf)
		fatal("out of memory");
	if (store_open(&d))
		fatalx("cannot start a trail in %s", d.conf.log_dir);
	cond_after_write(&d, true);

	w0 = mono_ns();
	c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	end = w0 + secs * 1000000000ULL;
	while (mono_ns() < end) {
		fill(d.buf, batch, pool, npool, &next);
		d.pending = batch;
		write_batch(&d, r);
	}
	store_close(&d, TRAIL_SEAL_STOP);
	r->wall_ns = mono_ns() - w0;
	r->cpu_ns = clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
	r->syncs = d.syncs;
	r->records = d.written;
	r->bytes = d.bytes;

	/* Rotation removed the oldest files when it made more than num_logs. */
	kept = verify(d.conf.log_dir, keyed ? &d.key : NULL, &r->files);
	if (!kept || kept > r->records ||
	    (d.store.next_seq - 1 <= d.conf.num_logs && kept != r->records))
		fatalx("%s: %llu records written, %llu in the trail", d.conf.log_dir,
		       (unsigned long long)r->records, (unsigned long long)kept);
	trail_key_free(&d.key);
	free(d.buf);
}

static void usage(FILE *out)
{
	fprintf(out, "usage: trailbench [-s SECONDS] [-b RECORDS] DIR\n");
}

int main(int argc, char **argv)
{
	unsigned int secs = 5;
	size_t batch, npool;
	struct c2a_record *pool;
	struct conf defaults;
	struct result r;
	int c;

	log_init("trailbench");
	conf_init(&defaults);
	batch = defaults.read_batch;
	while ((c = getopt(argc, argv, "s:b:h")) != -1) {
		switch (c) {
		case 's':
			secs = strtoul(optarg, NULL, 10);
			break;
		case 'b':
			batch = strtoul(optarg, NULL, 10);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind + 1 != argc || !secs || !batch || batch > 1 << 20) {
		usage(stderr);
		return 2;
	}
	umask(077);	/* c2auditd's */
	if (mkdir(argv[optind], 0700))
		fatal("mkdir %s", argv[optind]);
	pool = make_pool(&npool);
	for (int keyed = 0; keyed <= 1; keyed++) {
		run(argv[optind], keyed, batch, secs, pool, npool, &r);
		printf("chain=%s batch=%zu records=%llu secs=%.3f cpu=%.3f sync=%.3f bytes=%llu syncs=%llu files=%zu\n",
		       keyed ? "hmac-sha256" : "sha256", batch,
		       (unsigned long long)r.records, r.wall_ns / 1e9, r.cpu_ns / 1e9,
		       r.sync_ns / 1e9, (unsigned long long)r.bytes,
		       (unsigned long long)r.syncs, r.files);
		fflush(stdout);
	}
	free(pool);
	return 0;
}
