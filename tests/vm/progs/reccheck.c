// SPDX-License-Identifier: GPL-2.0
/*
 * reccheck: assertions over a file of raw records (from collect).
 *
 *   reccheck ids FILE     every CPU's ids appear exactly once, as a record or
 *                         inside a loss marker's range; prints a summary and
 *                         exits 1 on a gap, a duplicate or an overlap
 *   reccheck grep FILE KEY=VALUE...
 *                         prints the events whose fields all match (argv
 *                         matches its arguments joined by spaces)
 *   reccheck dump FILE    prints every event
 *   reccheck expect FILE EXPECTATIONS
 *                         every "expect" line of EXPECTATIONS (as the test
 *                         workloads print them, tab-separated key=value)
 *                         matches an event; prints the ones that do not,
 *                         with the events of the same pid and syscall
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fields.h"
#include "log.h"
#include "record.h"
#include "render.h"

struct cpu_ids {
	uint64_t next;		/* id expected next, 0 before the first */
	uint64_t records, lost, markers;
	uint64_t first;
};

static const struct c2a_record *map_records(const char *path, size_t *n)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st))
		fatal("%s", path);
	if (st.st_size % C2A_RECORD_SIZE)
		fatalx("%s: size %lld is not a whole number of records", path,
		       (long long)st.st_size);
	*n = st.st_size / C2A_RECORD_SIZE;
	if (!*n)
		return NULL;
	p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		fatal("mmap %s", path);
	close(fd);
	return p;
}

/* Accounts ids [first, first + count) of a CPU; false on gap or overlap. */
static bool take_ids(struct cpu_ids *c, unsigned int cpu, uint64_t first,
		     uint64_t count)
{
	if (!c->next) {
		c->first = first;
		c->next = first;
	}
	if (first != c->next) {
		printf("cpu%u: expected id %" PRIu64 ", found %" PRIu64 " (%s)\n",
		       cpu, c->next, first, first < c->next ? "duplicate" : "gap");
		return false;
	}
	c->next = first + count;
	return true;
}

static int cmd_ids(const char *path)
{
	struct cpu_ids cpus[1024] = { 0 };
	const struct c2a_record *recs;
	size_t n;
	bool ok = true;

	recs = map_records(path, &n);
	for (size_t i = 0; i < n && ok; i++) {
		const struct c2a_record *r = &recs[i];
		const char *bad = record_check(r);
		/* c2auditd's stream of Linux audit messages, in the last slot */
		unsigned int cpu = r->hdr.cpu == C2A_USER_CPU ? 1023 : r->hdr.cpu;
		struct cpu_ids *c;

		if (bad || (cpu >= 1023 && r->hdr.cpu != C2A_USER_CPU)) {
			printf("record %zu: %s\n", i, bad ? bad : "cpu too large");
			return 1;
		}
		c = &cpus[cpu];
		c->records++;
		/* A marker follows the ids it reports lost. */
		if (r->hdr.type == C2A_REC_LOSS) {
			c->markers++;
			c->lost += r->loss.count;
			ok = take_ids(c, cpu, r->loss.first_seq, r->loss.count);
		}
		ok = ok && take_ids(c, cpu, r->hdr.seq, 1);
	}
	for (unsigned int cpu = 0; cpu < 1024; cpu++) {
		struct cpu_ids *c = &cpus[cpu];

		if (c->next && cpu == 1023)
			printf("user: ids %" PRIu64 "..%" PRIu64 " records %" PRIu64
			       " lost %" PRIu64 " markers %" PRIu64 "\n",
			       c->first, c->next - 1, c->records - c->markers,
			       c->lost, c->markers);
		else if (c->next)
			printf("cpu%u: ids %" PRIu64 "..%" PRIu64 " records %" PRIu64
			       " lost %" PRIu64 " markers %" PRIu64 "\n", cpu,
			       c->first, c->next - 1, c->records - c->markers,
			       c->lost, c->markers);
	}
	return ok ? 0 : 1;
}

struct grep_ctx {
	char **conds;
	int nconds;
	bool all;
	FILE *out;		/* where matches are printed, or NULL */
	long matched;
	struct buf line;
	struct buf val;
};

static bool field_matches(const struct field *f, const char *want,
			  struct buf *tmp)
{
	buf_reset(tmp);
	buf_add(tmp, f->val, f->len);
	if (f->kind == FLD_LIST)
		for (size_t i = 0; i < tmp->len; i++)
			if (!tmp->data[i])
				tmp->data[i] = ' ';
	return !strcmp(buf_cstr(tmp), want);
}

static void grep_event(const struct evt *ev, void *arg)
{
	struct grep_ctx *g = arg;
	struct fields f;

	fields_build(ev, &f);
	for (int i = 0; i < g->nconds && !g->all; i++) {
		char *eq = strchr(g->conds[i], '=');
		const struct field *fl;

		*eq = '\0';
		fl = fields_get(&f, g->conds[i]);
		*eq = '=';
		if (!fl || !field_matches(fl, eq + 1, &g->val))
			return;
	}
	g->matched++;
	if (!g->out)
		return;
	buf_reset(&g->line);
	render_text(&f, &g->line);
	fprintf(g->out, "%s\n", buf_cstr(&g->line));
}

static int cmd_grep(const char *path, char **conds, int nconds, bool all)
{
	struct grep_ctx g = {
		.conds = conds, .nconds = nconds, .all = all, .out = stdout
	};
	const struct c2a_record *recs;
	struct evt_asm a;
	size_t n;

	for (int i = 0; i < nconds; i++)
		if (!strchr(conds[i], '='))
			fatalx("'%s': expected KEY=VALUE", conds[i]);
	recs = map_records(path, &n);
	evt_asm_init(&a, grep_event, &g);
	for (size_t i = 0; i < n; i++)
		evt_asm_feed(&a, &recs[i]);
	evt_asm_flush(&a);
	if (a.invalid || a.orphans)
		fprintf(stderr, "reccheck: %" PRIu64 " invalid, %" PRIu64
			" orphaned records\n", a.invalid, a.orphans);
	evt_asm_free(&a);
	buf_free(&g.line);
	buf_free(&g.val);
	return 0;
}

/* Splits an expectation line into its KEY=VALUE conditions, in place. */
static int split_expectation(char *line, char **conds, int max)
{
	int n = 0;
	char *tok, *save = NULL;

	line[strcspn(line, "\n")] = '\0';
	tok = strtok_r(line, "\t", &save);
	if (!tok || strcmp(tok, "expect"))
		return 0;
	while ((tok = strtok_r(NULL, "\t", &save)) && n < max)
		conds[n++] = tok;
	return n;
}

static long count_matches(const struct c2a_record *recs, size_t n,
			  char **conds, int nconds, FILE *show)
{
	struct grep_ctx g = { .conds = conds, .nconds = nconds, .out = show };
	struct evt_asm a;

	evt_asm_init(&a, grep_event, &g);
	for (size_t i = 0; i < n; i++)
		evt_asm_feed(&a, &recs[i]);
	evt_asm_flush(&a);
	evt_asm_free(&a);
	buf_free(&g.line);
	buf_free(&g.val);
	return g.matched;
}

static int cmd_expect(const char *path, const char *expfile)
{
	FILE *f = fopen(expfile, "r");
	const struct c2a_record *recs;
	char line[16384];
	int missing = 0, total = 0;
	size_t n;

	if (!f)
		fatal("%s", expfile);
	recs = map_records(path, &n);
	while (fgets(line, sizeof(line), f)) {
		char copy[sizeof(line)], *conds[64], *near[2];
		int nc, nn = 0;

		strcpy(copy, line);
		nc = split_expectation(line, conds, 64);
		if (!nc)
			continue;
		total++;
		if (count_matches(recs, n, conds, nc, NULL))
			continue;
		missing++;
		printf("MISSING: %s", copy + strlen("expect\t"));
		for (int i = 0; i < nc && nn < 2; i++)
			if (!strncmp(conds[i], "pid=", 4) ||
			    !strncmp(conds[i], "syscall=", 8))
				near[nn++] = conds[i];
		printf("  events with %s %s:\n", near[0], nn > 1 ? near[1] : "");
		count_matches(recs, n, near, nn, stdout);
	}
	fclose(f);
	printf("%d of %d expectations met\n", total - missing, total);
	return missing || !total ? 1 : 0;
}

int main(int argc, char **argv)
{
	log_init("reccheck");
	if (argc >= 3 && !strcmp(argv[1], "ids"))
		return cmd_ids(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "grep"))
		return cmd_grep(argv[2], argv + 3, argc - 3, false);
	if (argc >= 3 && !strcmp(argv[1], "dump"))
		return cmd_grep(argv[2], NULL, 0, true);
	if (argc == 4 && !strcmp(argv[1], "expect"))
		return cmd_expect(argv[2], argv[3]);
	fprintf(stderr, "usage: reccheck ids|grep|dump|expect FILE [ARGS...]\n");
	return 2;
}
