// SPDX-License-Identifier: GPL-2.0
/* c2audit status: the outputs, from the state file c2audit-forward keeps. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "cmd.h"
#include "output_state.h"

static const char *freshness(const struct output_state *s, char *buf,
			     size_t len)
{
	long long age = (long long)(time(NULL) - s->written);

	if (kill(s->pid, 0) && errno == ESRCH)
		snprintf(buf, len, "c2audit-forward pid %d is gone; its last state, "
			 "%lld s old", (int)s->pid, age);
	else
		snprintf(buf, len, "c2audit-forward pid %d, %lld s ago", (int)s->pid,
			 age);
	return buf;
}

static void print_text(const struct output_state *s)
{
	char when[128];

	printf("\noutputs:   %zu (%s)\n", s->n, freshness(s, when, sizeof(when)));
	if (!s->n)
		return;
	printf("  %-14s %-7s %11s %10s %10s %11s %8s\n", "output", "type",
	       "submitted", "filtered", "dropped", "delivered", "queued");
	for (size_t i = 0; i < s->n; i++) {
		const struct output_state_row *r = &s->rows[i];
		const struct output_stats *st = &r->st;

		printf("  %-14s %-7s %11llu %10llu %10llu %11llu %8llu\n",
		       r->name, output_type_name(r->type),
		       (unsigned long long)st->submitted,
		       (unsigned long long)st->filtered,
		       (unsigned long long)st->dropped,
		       (unsigned long long)st->delivered,
		       (unsigned long long)st->queued);
		printf("    sent %llu, resent %llu, script errors %llu, "
		       "errors %llu, reconnects %llu", (unsigned long long)st->sent,
		       (unsigned long long)st->resent,
		       (unsigned long long)st->script_errors,
		       (unsigned long long)st->errors,
		       (unsigned long long)st->reconnects);
		if (r->type == OUT_REMOTE)
			printf(", %s, spool %llu bytes (%llu on disk; %llu "
			       "messages went to disk)",
			       st->connected ? "connected" : "not connected",
			       (unsigned long long)st->spool_bytes,
			       (unsigned long long)st->spool_disk,
			       (unsigned long long)st->spooled);
		if (r->type == OUT_FILE)
			printf(", rotations %llu",
			       (unsigned long long)st->rotations);
		printf("\n");
	}
}

static void print_json(const struct output_state *s)
{
	printf("{\"pid\":%d,\"time\":%lld,\"outputs\":[", (int)s->pid,
	       (long long)s->written);
	for (size_t i = 0; i < s->n; i++) {
		const struct output_state_row *r = &s->rows[i];

		printf("%s{\"name\":\"%s\",\"type\":\"%s\"", i ? "," : "",
		       r->name, output_type_name(r->type));
		for (size_t k = 0; k < output_stat_nkeys; k++)
			printf(",\"%s\":%llu", output_stat_keys[k].name,
			       *(const unsigned long long *)((const char *)&r->st +
			       output_stat_keys[k].off));
		printf(",\"connected\":%s}", r->st.connected ? "true" : "false");
	}
	printf("]}");
}

void status_outputs(const char *state_path, bool json)
{
	struct output_state s;
	char err[256];

	if (output_state_read(state_path, &s, err, sizeof(err))) {
		if (json)
			printf("null");
		return;
	}
	if (json)
		print_json(&s);
	else
		print_text(&s);
	output_state_free(&s);
}
