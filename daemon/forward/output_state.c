// SPDX-License-Identifier: GPL-2.0
/* The state file: the daemon writes the outputs' counters, status reads them. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array_size.h"
#include "log.h"
#include "output_state.h"

#define STATE_MAGIC	"c2audit-outputs 1"
#define KEY(k)	{ #k, offsetof(struct output_stats, k) }

const struct output_stat_key output_stat_keys[] = {
	KEY(submitted), KEY(filtered), KEY(dropped), KEY(delivered),
	KEY(sent), KEY(resent), KEY(spooled), KEY(script_errors),
	KEY(reconnects), KEY(errors), KEY(rotations), KEY(queued),
	KEY(spool_bytes), KEY(spool_disk),
};
const size_t output_stat_nkeys = ARRAY_SIZE(output_stat_keys);

static const char *const type_names[] = {
	[OUT_FILE] = "file", [OUT_SYSLOG] = "syslog", [OUT_REMOTE] = "remote",
};

const char *output_type_name(enum output_type t)
{
	return t <= OUT_REMOTE ? type_names[t] : "unknown";
}

static uint64_t *counter(struct output_stats *st, size_t k)
{
	return (uint64_t *)((char *)st + output_stat_keys[k].off);
}

int output_state_write(const char *path, const struct output_state_row *rows,
		       size_t n)
{
	char tmp[4096], *slash;
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s", path);
	slash = strrchr(tmp, '/');
	if (slash && slash != tmp) {
		*slash = '\0';
		mkdir(tmp, 0755);
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "we");
	if (!f) {
		log_warn("%s", tmp);
		return -1;
	}
	fprintf(f, STATE_MAGIC " pid=%d time=%lld\n", (int)getpid(),
		(long long)time(NULL));
	for (size_t i = 0; i < n; i++) {
		struct output_stats st = rows[i].st;

		fprintf(f, "%s type=%s", rows[i].name,
			output_type_name(rows[i].type));
		for (size_t k = 0; k < output_stat_nkeys; k++)
			fprintf(f, " %s=%llu", output_stat_keys[k].name,
				(unsigned long long)*counter(&st, k));
		fprintf(f, " connected=%d\n", st.connected);
	}
	if (fclose(f) || rename(tmp, path)) {
		log_warn("%s", path);
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int parse_row(char *line, struct output_state_row *r)
{
	char *save = NULL, *tok = strtok_r(line, " \n", &save);

	if (!tok)
		return -1;
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", tok);
	while ((tok = strtok_r(NULL, " \n", &save))) {
		char *eq = strchr(tok, '=');

		if (!eq)
			return -1;
		*eq++ = '\0';
		if (!strcmp(tok, "type")) {
			for (int t = OUT_FILE; t <= OUT_REMOTE; t++)
				if (!strcmp(eq, output_type_name(t)))
					r->type = t;
		} else if (!strcmp(tok, "connected")) {
			r->st.connected = !strcmp(eq, "1");
		}
		for (size_t k = 0; k < output_stat_nkeys; k++)
			if (!strcmp(tok, output_stat_keys[k].name))
				*counter(&r->st, k) = strtoull(eq, NULL, 10);
	}
	return 0;
}

int output_state_read(const char *path, struct output_state *s, char *err,
		      size_t errlen)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	long long when;
	int pid;

	memset(s, 0, sizeof(*s));
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (getline(&line, &cap, f) < 0 ||
	    sscanf(line, STATE_MAGIC " pid=%d time=%lld", &pid, &when) != 2) {
		snprintf(err, errlen, "%s: not a state file of c2auditd", path);
		goto fail;
	}
	s->pid = pid;
	s->written = when;
	while (getline(&line, &cap, f) > 0) {
		struct output_state_row *r = realloc(s->rows,
						     (s->n + 1) * sizeof(*r));

		if (!r)
			abort();
		s->rows = r;
		if (parse_row(line, &s->rows[s->n])) {
			snprintf(err, errlen, "%s: bad line %zu", path, s->n + 2);
			goto fail;
		}
		s->n++;
	}
	free(line);
	fclose(f);
	return 0;
fail:
	free(line);
	fclose(f);
	output_state_free(s);
	return -1;
}

void output_state_free(struct output_state *s)
{
	free(s->rows);
	memset(s, 0, sizeof(*s));
}
