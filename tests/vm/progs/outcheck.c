// SPDX-License-Identifier: GPL-2.0
/*
 * outcheck: compares what an output delivered with the records that were
 * fed to it (raw record files, as collect writes them).
 *
 * usage: outcheck [-f remote|file|syslog] [-m COND]... [-x OP]...
 *                 [-d MAXDUP] [-H HOST] [-a APP] [-F FAC] [-S SEV]
 *                 [-D SDID] -o OUTPUT RECORDS...
 *
 *   -f remote  OUTPUT holds RFC 5424 messages (rsyslog rebuilding them
 *              from what it parsed: "<%pri%>1 %timereported:::date-rfc3339%
 *              %hostname% %app-name% %procid% %msgid% %structured-data%
 *              %msg%"). Every record must be there, byte for byte as
 *              sent, found by the id in its structured data; more copies
 *              are duplicates (at most MAXDUP, default 0); a copy cut
 *              short (the collector went away mid-message) is partial.
 *      file    OUTPUT is JSON lines: the records', in order, each once.
 *      syslog  OUTPUT lines are "APP[PID]: JSON" (rsyslog's
 *              "%syslogtag%%msg%"), in order, each once.
 *   -m COND    only records that meet COND (the output's match filter)
 *   -x drop:COND       records the output's Lua filter drops
 *   -x set:KEY=VALUE   ... sets (an integer when VALUE is one)
 *   -x del:KEY         ... removes; set and del take @COND at the end:
 *                      only for records that meet COND
 *   -l N       exactly the N oldest records are missing (a spool that
 *              dropped its oldest), all others there
 *   -s FILE    seal messages (c2audit-forward's, type "seal") are not
 *              records: they go to FILE, one a line (default: counted)
 *   With -f file and -d, JSON lines are found by their text, in any
 *   order (a restart sends some again, after those sent since).
 *   -H -a -F -S -D     hostname, app name, facility and severity numbers,
 *                      SD-ID of the messages (defaults: this host, c2audit,
 *                      10, 6, c2a@32473)
 *
 * Prints a summary line and the first problems; exit 1 on any record
 * missing, anything unexpected or different, or too many duplicates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "fields.h"
#include "log.h"
#include "match_filter.h"
#include "output_int.h"
#include "record.h"
#include "render.h"
#include "syslog5424.h"

#define SHOW	5

enum fmt { FMT_REMOTE, FMT_FILE, FMT_SYSLOG };

struct op {
	char kind;		/* 's' set, 'd' del */
	char *key, *val;
	struct match_filter when;	/* OP@COND: only where COND holds */
};

struct want {
	size_t idx;		/* in the order fed */
	char *id;
	char *text;		/* the message or the JSON line */
	unsigned int seen;
};

struct check {
	enum fmt fmt;
	struct match_filter match, drop;
	struct op *ops;
	size_t nops;
	char host[256], app[64], sd_id[64];
	int facility, severity;
	struct want *w;
	size_t n;
	unsigned long dups, partial, missing, unexpected, mismatched, lines;
	unsigned long seals;
	FILE *seal_out;
	bool by_text;		/* -f file -d: found by text, any order */
};

static bool is_integer(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s || (*s == '0' && s[1]))
		return false;
	return strspn(s, "0123456789") == strlen(s);
}

/* The fields as the Lua filter would leave them, per the -x ops. */
static void apply_ops(const struct check *c, struct fields *f)
{
	unsigned int first_new = f->n;

	struct fields orig = *f;

	for (size_t i = 0; i < c->nops; i++) {
		const struct op *op = &c->ops[i];
		unsigned int k;

		if (!match_fields(&op->when, &orig))
			continue;
		for (k = 0; k < f->n && strcmp(f->f[k].key, op->key); k++)
			;
		if (op->kind == 'd') {
			if (k < f->n) {
				memmove(&f->f[k], &f->f[k + 1],
					(f->n - k - 1) * sizeof(f->f[0]));
				f->n--;
				first_new -= k < first_new;
			}
			continue;
		}
		if (k == f->n && f->n < FIELDS_MAX)
			f->n++;
		f->f[k] = (struct field){ op->key,
			is_integer(op->val) ? FLD_NUM : FLD_STR, op->val,
			strlen(op->val) };
	}
	/* new keys come after the event's, sorted (as lua_table.c does) */
	for (unsigned int i = first_new; i < f->n; i++)
		for (unsigned int j = i + 1; j < f->n; j++)
			if (strcmp(f->f[j].key, f->f[i].key) < 0) {
				struct field t = f->f[i];

				f->f[i] = f->f[j];
				f->f[j] = t;
			}
}

static void remote_message(struct check *c, const struct evt *ev,
			   const char *id, struct buf *body, struct buf *out)
{
	struct sd_param p = { "id", id };
	struct rfc5424 h = {
		.facility = c->facility,
		.severity = ev->rec.hdr.type == C2A_REC_LOSS ? LOG_WARNING :
			    c->severity,
		.time_ns = ev->rec.hdr.time_ns, .hostname = c->host,
		.app_name = c->app, .msgid = record_type_name(ev->rec.hdr.type),
		.sd_id = c->sd_id, .nparams = 1, .params = &p,
	};

	rfc5424_format(out, &h, body->data, body->len);
}

static void expect_event(const struct evt *ev, void *ctx)
{
	struct check *c = ctx;
	struct buf body = { 0 }, text = { 0 };
	struct fields f;
	char id[64];

	fields_build(ev, &f);
	if (!match_fields(&c->match, &f) ||
	    (c->drop.n && match_fields(&c->drop, &f)))
		return;
	apply_ops(c, &f);
	render_json(&f, &body);
	output_record_id(&ev->rec, id, sizeof(id));
	if (c->fmt == FMT_REMOTE)
		remote_message(c, ev, id, &body, &text);
	else
		buf_add(&text, body.data, body.len);
	c->w = realloc(c->w, (c->n + 1) * sizeof(*c->w));
	if (!c->w || !(c->w[c->n].id = strdup(id)))
		fatal("out of memory");
	c->w[c->n].text = strdup(buf_cstr(&text));
	c->w[c->n].idx = c->n;
	c->w[c->n++].seen = 0;
	buf_free(&body);
	buf_free(&text);
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct want *)a)->id, ((const struct want *)b)->id);
}

static void show(unsigned long n, const char *what, const char *line)
{
	if (n <= SHOW)
		printf("%s: %.400s\n", what, line);
}

/* A line of rsyslog's: find its record by id, then compare it whole. */
static void check_remote_line(struct check *c, const char *line, size_t len)
{
	struct rfc5424_parsed p;
	struct buf id = { 0 };
	struct want key, *w;
	char err[256];

	if (rfc5424_parse(line, len, &p, err, sizeof(err)) ||
	    !rfc5424_sd_value(&p, c->sd_id, "id", &id)) {
		c->unexpected++;
		show(c->unexpected, "not a message of ours", line);
		if (!err[0])
			rfc5424_parsed_free(&p);
		goto out;
	}
	rfc5424_parsed_free(&p);
	key.id = (char *)buf_cstr(&id);
	w = bsearch(&key, c->w, c->n, sizeof(*c->w), by_id);
	if (!w) {
		c->unexpected++;
		show(c->unexpected, "unexpected record", line);
	} else if (!strcmp(w->text, line)) {
		if (w->seen++)
			c->dups++;
	} else if (!strncmp(w->text, line, len)) {
		c->partial++;
		show(c->partial, "partial copy", line);
	} else {
		c->mismatched++;
		show(c->mismatched, "got", line);
		show(c->mismatched, "sent", w->text);
	}
out:
	buf_free(&id);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(((const struct want *)a)->text,
		      ((const struct want *)b)->text);
}

/* -f file -d: a JSON line anywhere; copies of one are duplicates. */
static void check_text_line(struct check *c, const char *line)
{
	struct want key = { .text = (char *)line }, *w;

	w = bsearch(&key, c->w, c->n, sizeof(*c->w), by_text);
	if (!w) {
		c->unexpected++;
		show(c->unexpected, "unexpected line", line);
	} else if (w->seen++) {
		c->dups++;
	}
}

/* JSON lines in order; syslog lines after their "APP[PID]: " tag. */
static void check_ordered_line(struct check *c, const char *line)
{
	size_t i = c->lines - 1;

	if (c->fmt == FMT_SYSLOG) {
		const char *colon = strstr(line, "]: ");

		if (strncmp(line, c->app, strlen(c->app)) ||
		    line[strlen(c->app)] != '[' || !colon) {
			c->unexpected++;
			show(c->unexpected, "not tagged by us", line);
			return;
		}
		line = colon + 3;
	}
	if (i >= c->n) {
		c->unexpected++;
		show(c->unexpected, "more than sent", line);
	} else if (strcmp(c->w[i].text, line)) {
		c->mismatched++;
		show(c->mismatched, "got", line);
		show(c->mismatched, "sent", c->w[i].text);
	} else {
		c->w[i].seen++;
	}
}

static void read_output(struct check *c, const char *path)
{
	FILE *in = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!in)
		fatal("%s", path);
	while ((len = getline(&line, &cap, in)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (strstr(line, "{\"type\":\"seal\",")) {
			c->seals++;
			if (c->seal_out)
				fprintf(c->seal_out, "%s\n", line);
			continue;
		}
		c->lines++;
		if (c->by_text)
			check_text_line(c, line);
		else if (c->fmt == FMT_REMOTE)
			check_remote_line(c, line, len);
		else
			check_ordered_line(c, line);
	}
	free(line);
	fclose(in);
}

static void read_records(struct check *c, char **files, int n)
{
	struct c2a_record rec;
	struct evt_asm a;

	evt_asm_init(&a, expect_event, c);
	for (int i = 0; i < n; i++) {
		FILE *in = fopen(files[i], "re");

		if (!in)
			fatal("%s", files[i]);
		while (fread(&rec, sizeof(rec), 1, in) == 1)
			evt_asm_feed(&a, &rec);
		fclose(in);
	}
	evt_asm_flush(&a);
	evt_asm_free(&a);
}

static void add_op(struct check *c, const char *arg)
{
	char err[256];
	struct op op = { 0 };

	if (!strncmp(arg, "drop:", 5)) {
		if (match_add(&c->drop, arg + 5, err, sizeof(err)))
			fatalx("-x %s", err);
		return;
	}
	if (!strncmp(arg, "set:", 4) && strchr(arg, '=')) {
		op.kind = 's';
		op.key = strndup(arg + 4, strchr(arg, '=') - arg - 4);
		op.val = strdup(strchr(arg, '=') + 1);
	} else if (!strncmp(arg, "del:", 4)) {
		op.kind = 'd';
		op.key = strdup(arg + 4);
	} else {
		fatalx("-x %s: expected drop:COND, set:KEY=VALUE or del:KEY", arg);
	}
	if (strchr(op.val ? op.val : op.key, '@')) {
		char *at = strchr(op.val ? op.val : op.key, '@');

		*at = '\0';
		if (match_add(&op.when, at + 1, err, sizeof(err)))
			fatalx("-x %s", err);
	}
	c->ops = realloc(c->ops, (c->nops + 1) * sizeof(*c->ops));
	if (!c->ops)
		fatal("out of memory");
	c->ops[c->nops++] = op;
}

static int verdict(struct check *c, unsigned long maxdup, long lost)
{
	bool order_ok = true;

	for (size_t i = 0; i < c->n; i++) {
		if (c->w[i].seen)
			continue;
		if (lost >= 0 && c->w[i].idx >= (size_t)lost)
			order_ok = false;
		if (lost < 0 && ++c->missing <= SHOW)
			printf("missing: %.400s\n", c->w[i].text);
		else if (lost >= 0)
			c->missing++;
	}
	if (lost >= 0) {
		printf("outcheck: %lu missing, %ld expected missing, %s\n",
		       c->missing, lost, order_ok ? "the oldest" :
		       "not all of them the oldest");
		if (c->missing != (unsigned long)lost || !order_ok)
			return 1;
		c->missing = 0;
	}
	printf("outcheck: %zu expected, %lu lines, %lu duplicates, %lu partial, "
	       "%lu missing, %lu unexpected, %lu different, %lu seals\n", c->n,
	       c->lines, c->dups, c->partial, c->missing, c->unexpected,
	       c->mismatched, c->seals);
	if (c->dups + c->partial > maxdup)
		printf("outcheck: more than %lu duplicates\n", maxdup);
	return c->missing || c->unexpected || c->mismatched ||
	       c->dups + c->partial > maxdup;
}

int main(int argc, char **argv)
{
	struct check c = { .facility = 10, .severity = 6 };
	const char *output = NULL;
	unsigned long maxdup = 0;
	long lost = -1;
	char err[256];
	int opt;

	log_init("outcheck");
	gethostname(c.host, sizeof(c.host) - 1);
	strcpy(c.app, "c2audit");
	strcpy(c.sd_id, "c2a@32473");
	while ((opt = getopt(argc, argv, "f:m:x:d:l:H:a:F:S:D:o:s:")) != -1) {
		switch (opt) {
		case 'f':
			c.fmt = !strcmp(optarg, "file") ? FMT_FILE :
				!strcmp(optarg, "syslog") ? FMT_SYSLOG : FMT_REMOTE;
			break;
		case 'm':
			if (match_add(&c.match, optarg, err, sizeof(err)))
				fatalx("-m %s", err);
			break;
		case 'x': add_op(&c, optarg); break;
		case 'd': maxdup = strtoul(optarg, NULL, 0); break;
		case 'l': lost = strtol(optarg, NULL, 0); break;
		case 'H': snprintf(c.host, sizeof(c.host), "%s", optarg); break;
		case 'a': snprintf(c.app, sizeof(c.app), "%s", optarg); break;
		case 'F': c.facility = atoi(optarg); break;
		case 'S': c.severity = atoi(optarg); break;
		case 'D': snprintf(c.sd_id, sizeof(c.sd_id), "%s", optarg); break;
		case 'o': output = optarg; break;
		case 's':
			c.seal_out = fopen(optarg, "we");
			if (!c.seal_out)
				fatal("%s", optarg);
			break;
		default: return 2;
		}
	}
	if (!output || optind == argc)
		fatalx("usage: outcheck [options] -o OUTPUT RECORDS...");
	read_records(&c, argv + optind, argc - optind);
	if (c.fmt == FMT_REMOTE)
		qsort(c.w, c.n, sizeof(*c.w), by_id);
	c.by_text = c.fmt == FMT_FILE && maxdup;
	if (c.by_text)
		qsort(c.w, c.n, sizeof(*c.w), by_text);
	read_output(&c, output);
	if (c.seal_out)
		fclose(c.seal_out);
	return verdict(&c, maxdup, lost);
}
