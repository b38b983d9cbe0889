// SPDX-License-Identifier: GPL-2.0
/* c2audit summary: counts over the trail, as aureport gives them. */
#include <libaudit.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "fields.h"
#include "log.h"
#include "render.h"
#include "trail_scan.h"
#include "tally.h"

enum { BY_TYPE, BY_SYSCALL, BY_USER, BY_EXE, BY_KEY, BY_FAILURE,
       BY_MSGTYPE, BY_LOGIN, BY_AUTH, BY_LOSS_REASON, BY_LOSS_CPU,
       NR_TALLIES };

static const char *const tally_titles[NR_TALLIES] = {
	[BY_TYPE] = "type", [BY_SYSCALL] = "syscall", [BY_USER] = "auid",
	[BY_EXE] = "exe", [BY_KEY] = "key", [BY_FAILURE] = "failure",
	[BY_MSGTYPE] = "msgtype", [BY_LOGIN] = "login", [BY_AUTH] = "auth",
	[BY_LOSS_REASON] = "lost_reason", [BY_LOSS_CPU] = "lost_cpu",
};

struct summary {
	struct filter filter;
	struct tally t[NR_TALLIES];
	uint64_t events, failures, markers, lost;
	uint64_t first_ns, last_ns;
};

static void user_name(unsigned int id, char *out, size_t len)
{
	struct passwd *pw;

	if (id == (unsigned int)-1) {
		snprintf(out, len, "unset");
		return;
	}
	pw = getpwuid(id);
	if (pw)
		snprintf(out, len, "%u(%s)", id, pw->pw_name);
	else
		snprintf(out, len, "%u", id);
}

static void count_loss(struct summary *s, const struct c2a_record *rec)
{
	const char *why;
	char cpu[16];

	s->markers++;
	s->lost += rec->loss.count;
	if (rec->hdr.cpu == C2A_USER_CPU)
		snprintf(cpu, sizeof(cpu), "user");
	else
		snprintf(cpu, sizeof(cpu), "%u", rec->hdr.cpu);
	tally_add(&s->t[BY_LOSS_CPU], cpu, strlen(cpu), rec->loss.count, 0);
	for (unsigned int i = 0; (why = loss_reason_name(i)); i++)
		if (rec->loss.reasons & (1u << i))
			tally_add(&s->t[BY_LOSS_REASON], why, strlen(why),
				  rec->loss.count, 0);
}

static size_t field_text(const struct fields *f, const char *key,
			 struct buf *b)
{
	const struct field *fl = fields_get(f, key);

	if (fl)
		render_text_value(b, fl->val, fl->len);
	else
		buf_addc(b, '-');
	return b->len;
}

/*
 * Linux audit's messages: by type; logins (USER_LOGIN) and
 * authentications (USER_AUTH) by user, host and terminal, as aureport -l
 * and -au list them.
 */
static void count_user(struct summary *s, const struct evt *ev,
		       const struct fields *f, bool failed)
{
	const struct field *mt = fields_get(f, "msgtype");
	unsigned int type = ev->rec.ev.u.user.msgtype;
	int by = type == AUDIT_USER_LOGIN ? BY_LOGIN :
		 type == AUDIT_USER_AUTH ? BY_AUTH : -1;
	struct buf b = { 0 };

	if (mt)
		tally_add(&s->t[BY_MSGTYPE], mt->val, mt->len, 1, failed);
	if (by < 0)
		return;
	buf_adds(&b, "user=");
	field_text(f, "acct", &b);
	buf_adds(&b, " host=");
	field_text(f, "hostname", &b);
	buf_adds(&b, " terminal=");
	field_text(f, "terminal", &b);
	tally_add(&s->t[by], b.data, b.len, 1, failed);
	buf_free(&b);
}

static void count_event(struct summary *s, const struct evt *ev,
			const struct fields *f)
{
	const struct field *sc = fields_get(f, "syscall");
	const struct field *err = fields_get(f, "err");
	const struct evt_str *exe = evt_find_str(ev, C2A_STR_EXE);
	const struct c2a_event *e = &ev->rec.ev;
	bool is_user = ev->rec.hdr.type == C2A_REC_USER;
	bool failed = err != NULL || (is_user && e->u.user.result == 0);
	char name[64];

	s->failures += failed;
	if (is_user)
		count_user(s, ev, f, failed);
	if (sc)
		tally_add(&s->t[BY_SYSCALL], sc->val, sc->len, 1, failed);
	user_name(e->subj.auid, name, sizeof(name));
	tally_add(&s->t[BY_USER], name, strlen(name), 1, failed);
	if (exe)
		tally_add(&s->t[BY_EXE], exe->data,
			  exe->have < exe->len ? exe->have : exe->len, 1, failed);
	if (e->key[0])
		tally_add(&s->t[BY_KEY], e->key, strnlen(e->key, C2A_KEY_LEN),
			  1, failed);
	if (failed && sc) {
		snprintf(name, sizeof(name), "%.*s %.*s", (int)sc->len, sc->val,
			 (int)err->len, err->val);
		tally_add(&s->t[BY_FAILURE], name, strlen(name), 1, 1);
	}
}

static void summary_event(const struct evt *ev, void *ctx)
{
	struct summary *s = ctx;
	const char *type = record_type_name(ev->rec.hdr.type);
	struct fields f;

	if (!filter_match(&s->filter, ev))
		return;
	if (!s->events || ev->rec.hdr.time_ns < s->first_ns)
		s->first_ns = ev->rec.hdr.time_ns;
	if (ev->rec.hdr.time_ns > s->last_ns)
		s->last_ns = ev->rec.hdr.time_ns;
	s->events++;
	tally_add(&s->t[BY_TYPE], type, strlen(type), 1, 0);
	if (ev->rec.hdr.type == C2A_REC_LOSS) {
		count_loss(s, &ev->rec);
		return;
	}
	fields_build(ev, &f);
	count_event(s, ev, &f);
}

static void print_text(struct summary *s, unsigned int top)
{
	char first[48] = "-", last[48] = "-";
	struct buf b = { 0 };

	if (s->events) {
		format_time(s->first_ns, first, sizeof(first));
		format_time(s->last_ns, last, sizeof(last));
	}
	printf("records:  %llu from %s to %s\n",
	       (unsigned long long)s->events, first, last);
	printf("failures: %llu\n", (unsigned long long)s->failures);
	printf("lost:     %llu records in %llu loss markers\n",
	       (unsigned long long)s->lost, (unsigned long long)s->markers);
	for (int i = 0; i < NR_TALLIES; i++) {
		struct tally_row *rows = tally_sorted(&s->t[i]);

		if (!s->t[i].n) {
			free(rows);
			continue;
		}
		printf("\n%12s %9s  %s\n", i >= BY_LOSS_REASON ? "lost" : "events",
		       i >= BY_LOSS_REASON || i == BY_TYPE ? "" : "failed",
		       tally_titles[i]);
		for (size_t r = 0; r < s->t[i].n && r < top; r++) {
			buf_reset(&b);
			render_text_value(&b, rows[r].name, strlen(rows[r].name));
			if (i >= BY_LOSS_REASON || i == BY_TYPE)
				printf("%12llu %9s  %s\n",
				       (unsigned long long)rows[r].events, "",
				       buf_cstr(&b));
			else
				printf("%12llu %9llu  %s\n",
				       (unsigned long long)rows[r].events,
				       (unsigned long long)rows[r].failures,
				       buf_cstr(&b));
		}
		if (s->t[i].n > top)
			printf("%12s %9s  (%zu more)\n", "...", "", s->t[i].n - top);
		free(rows);
	}
	buf_free(&b);
}

/* One JSON object: totals, and each tally as an array, most events first. */
static void print_json(struct summary *s, unsigned int top)
{
	struct buf b = { 0 };

	buf_printf(&b, "{\"records\":%llu,\"failures\":%llu,\"lost\":%llu,\"loss_markers\":%llu",
		   (unsigned long long)s->events,
		   (unsigned long long)s->failures,
		   (unsigned long long)s->lost,
		   (unsigned long long)s->markers);
	for (int i = 0; i < NR_TALLIES; i++) {
		struct tally_row *rows = tally_sorted(&s->t[i]);

		buf_printf(&b, ",\"%s\":[", tally_titles[i]);
		for (size_t r = 0; r < s->t[i].n && r < top; r++) {
			buf_adds(&b, r ? ",{" : "{");
			render_json_pair(&b, "name", rows[r].name,
					 strlen(rows[r].name));
			buf_printf(&b, ",\"events\":%llu,\"failures\":%llu}",
				   (unsigned long long)rows[r].events,
				   (unsigned long long)rows[r].failures);
		}
		buf_addc(&b, ']');
		free(rows);
	}
	buf_adds(&b, "}\n");
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit summary [--json] [--top N] [--conf FILE]\n"
		"                       [--no-verify | --key-file FILE] [FILTERS] [FILE...]\n"
		"\n"
		"Count the events of the audit trail (those the filters select): in all,\n"
		"and by record type, syscall, login user (auid), executable, rule key,\n"
		"failed syscall and error, Linux audit message type (type=user records),\n"
		"logins (USER_LOGIN) and authentications (USER_AUTH) by user, host and\n"
		"terminal, each with its failures (what aureport -l and -au list); and\n"
		"the records lost, by reason and CPU (user: c2auditd's stream of Linux\n"
		"audit's messages), as the trail's loss markers account for them. Each\n"
		"table lists the most frequent first. Input as for `c2audit report`.\n"
		"\n"
		"  --json         one JSON object instead of tables\n"
		"  --top N        rows per table (default 20; 0 for all)\n"
		"  --conf FILE    c2auditd's configuration, for its log directory\n"
		"                 and key file (default " CONF_PATH ")\n");
	review_check_usage(out);
	fprintf(out, "\n");
	review_filter_usage(out);
	fprintf(out, "\nExit status: as for `c2audit report`.\n");
}

static int parse_top(const char *s, unsigned int *top)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);

	if (!*s || *end || n > 1000000) {
		log_warnx("--top: '%s' is not a number of rows", s);
		return -1;
	}
	*top = n ? n : (unsigned int)-1;
	return 0;
}

int cmd_summary(const struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "top", required_argument, NULL, 't' },
		{ "conf", required_argument, NULL, 'c' },
		REVIEW_CHECK_OPTIONS,
		REVIEW_FILTER_OPTIONS,
		{ 0 }
	};
	struct review_check chk = { .no_verify = false };
	const char *conf = CONF_PATH;
	struct summary s = { .events = 0 };
	struct review_stats st;
	unsigned int top = 20;
	struct evt_asm a;
	bool json = false;
	int c, ret;

	(void)cli;
	filter_init(&s.filter);
	while ((c = cmd_getopt(argc, argv, "", opts, usage, &ret)) != -1) {
		if (c == CMD_DONE)
			goto out;
		ret = EXIT_USAGE;
		if (c == 'j')
			json = true;
		else if (c == 'c')
			conf = optarg;
		else if (review_check_option(&chk, c, optarg))
			continue;
		else if (c == 't' ? parse_top(optarg, &top) :
			 review_filter_option(&s.filter, c, optarg) < 0)
			goto out;
	}
	evt_asm_init(&a, summary_event, &s);
	ret = review_read(argv + optind, argc - optind, conf, &chk, &a, &st) ?
	      EXIT_FAIL : EXIT_OK;
	evt_asm_free(&a);
	if (json)
		print_json(&s, top);
	else
		print_text(&s, top);
	if (fflush(stdout)) {
		log_warn("standard output");
		ret = EXIT_FAIL;
	}
out:
	for (int i = 0; i < NR_TALLIES; i++)
		tally_free(&s.t[i]);
	filter_free(&s.filter);
	return ret;
}
