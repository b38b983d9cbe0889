// SPDX-License-Identifier: GPL-2.0
/*
 * The outputs' part of c2auditd.conf: sections after the daemon's keys.
 *
 *   [output NAME]          NAME: 1-63 of A-Z a-z 0-9 _ . -
 *   type = file | syslog | remote
 *   KEY = VALUE            one a line; '#' to the end of a line is a
 *                          comment; each key once, but match
 *
 * Sizes take K, M, G (powers of 1024). The keys, what they apply to and
 * their defaults are in the table below and in doc/outputs.md.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "array_size.h"
#include "conf.h"
#include "log.h"
#include "output_state.h"
#include "outputs.h"
#include "parse.h"
#include "syslog5424.h"

#define T_FILE		(1u << OUT_FILE)
#define T_SYSLOG	(1u << OUT_SYSLOG)
#define T_REMOTE	(1u << OUT_REMOTE)
#define T_ALL		(T_FILE | T_SYSLOG | T_REMOTE)

enum key_kind { K_TYPE, K_STR, K_SIZE, K_UINT, K_BOOL, K_FULL, K_FACILITY,
		K_SEVERITY, K_MATCH, K_PRIORITY };

struct key {
	const char *name;
	enum key_kind kind;
	unsigned int types;
	size_t off, size;
};

#define KEY(n, k, t, field) \
	{ n, k, t, offsetof(struct output_conf, field), \
	  sizeof(((struct output_conf *)0)->field) }

static const struct key keys[] = {
	KEY("type", K_TYPE, T_ALL, type),
	KEY("queue", K_SIZE, T_ALL, queue),
	KEY("queue_full", K_FULL, T_ALL, queue_full),
	KEY("match", K_MATCH, T_ALL, match),
	KEY("priority", K_PRIORITY, T_ALL, priority),
	KEY("lua", K_STR, T_ALL, lua),
	KEY("lua_function", K_STR, T_ALL, lua_function),
	KEY("lua_instructions", K_SIZE, T_ALL, lua_instructions),
	KEY("lua_memory", K_SIZE, T_ALL, lua_memory),
	KEY("path", K_STR, T_FILE, path),
	KEY("max_size", K_SIZE, T_FILE, max_size),
	KEY("rotate", K_UINT, T_FILE, rotate),
	KEY("facility", K_FACILITY, T_SYSLOG | T_REMOTE, facility),
	KEY("severity", K_SEVERITY, T_SYSLOG | T_REMOTE, severity),
	KEY("app_name", K_STR, T_SYSLOG | T_REMOTE, app_name),
	KEY("socket", K_STR, T_SYSLOG, socket),
	KEY("host", K_STR, T_REMOTE, host),
	KEY("port", K_STR, T_REMOTE, port),
	KEY("hostname", K_STR, T_REMOTE, hostname),
	KEY("sd_id", K_STR, T_REMOTE, sd_id),
	KEY("tls", K_BOOL, T_REMOTE, tls),
	KEY("tls_ca", K_STR, T_REMOTE, tls_ca),
	KEY("tls_cert", K_STR, T_REMOTE, tls_cert),
	KEY("tls_key", K_STR, T_REMOTE, tls_key),
	KEY("tls_name", K_STR, T_REMOTE, tls_name),
	KEY("tls_verify", K_BOOL, T_REMOTE, tls_verify),
	KEY("confirm_bytes", K_SIZE, T_REMOTE, confirm_bytes),
	KEY("confirm_idle_ms", K_UINT, T_REMOTE, confirm_idle_ms),
	KEY("timeout_ms", K_UINT, T_REMOTE, timeout_ms),
	KEY("backoff_min_ms", K_UINT, T_REMOTE, backoff_min_ms),
	KEY("backoff_max_ms", K_UINT, T_REMOTE, backoff_max_ms),
	KEY("spool_dir", K_STR, T_REMOTE, spool_dir),
	KEY("spool_mem", K_SIZE, T_REMOTE, spool_mem),
	KEY("spool_max", K_SIZE, T_REMOTE, spool_max),
	KEY("spool_full", K_FULL, T_REMOTE, spool_full),
	KEY("drain_ms", K_UINT, T_REMOTE, drain_ms),
};

#define NKEYS	ARRAY_SIZE(keys)

static const struct { const char *name; int val; } facilities[] = {
	{ "kern", 0 }, { "user", 1 }, { "mail", 2 }, { "daemon", 3 },
	{ "auth", 4 }, { "syslog", 5 }, { "lpr", 6 }, { "news", 7 },
	{ "uucp", 8 }, { "cron", 9 }, { "authpriv", 10 }, { "ftp", 11 },
	{ "local0", 16 }, { "local1", 17 }, { "local2", 18 }, { "local3", 19 },
	{ "local4", 20 }, { "local5", 21 }, { "local6", 22 }, { "local7", 23 },
}, severities[] = {
	{ "emerg", 0 }, { "alert", 1 }, { "crit", 2 }, { "err", 3 },
	{ "warning", 4 }, { "notice", 5 }, { "info", 6 }, { "debug", 7 },
};

static void defaults(struct output_conf *o)
{
	memset(o, 0, sizeof(*o));
	o->queue = 65536;
	o->queue_full = FULL_DROP_OLDEST;
	o->priority = OUTPUT_PRIO_IDLE;
	strcpy(o->lua_function, "filter");
	o->lua_instructions = 1000000;
	o->lua_memory = 32 << 20;
	o->max_size = 100 << 20;
	o->rotate = 5;
	o->facility = LOG_AUTHPRIV >> 3;
	o->severity = LOG_INFO;
	strcpy(o->app_name, "c2audit");
	strcpy(o->socket, "/dev/log");
	strcpy(o->sd_id, "c2a@32473");
	o->tls_verify = true;
	o->confirm_bytes = 1 << 20;
	o->confirm_idle_ms = 500;
	o->timeout_ms = 10000;
	o->backoff_min_ms = 200;
	o->backoff_max_ms = 30000;
	o->spool_mem = 8 << 20;
	o->spool_max = 256 << 20;
	o->spool_full = FULL_DROP_OLDEST;
	o->drain_ms = 5000;
}

/* --- values ------------------------------------------------------------ */

static int parse_size(const char *v, uint64_t *out)
{
	char *end;
	unsigned long long n;
	unsigned int shift = 0;

	if (!isdigit((unsigned char)*v))
		return -1;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno)
		return -1;
	if (*end && !end[1])
		switch (toupper((unsigned char)*end++)) {
		case 'K': shift = 10; break;
		case 'M': shift = 20; break;
		case 'G': shift = 30; break;
		default: return -1;
		}
	if (*end || n > (UINT64_MAX >> shift))
		return -1;
	*out = n << shift;
	return 0;
}

static int parse_name(const char *v, const void *table, size_t n, int *out)
{
	const struct { const char *name; int val; } *t = table;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(v, t[i].name)) {
			*out = t[i].val;
			return 0;
		}
	return -1;
}

static int set_value(struct output_conf *o, const struct key *k,
		     const char *v, char *err, size_t errlen)
{
	char *field = (char *)o + k->off;
	uint64_t n;

	switch (k->kind) {
	case K_TYPE:
		for (int t = OUT_FILE; t <= OUT_REMOTE; t++)
			if (!strcmp(v, output_type_name(t))) {
				o->type = t;
				return 0;
			}
		snprintf(err, errlen, "type '%s': expected file, syslog or remote", v);
		return -1;
	case K_STR:
		if (strlen(v) >= k->size) {
			snprintf(err, errlen, "%s: longer than %zu bytes", k->name,
				 k->size - 1);
			return -1;
		}
		strcpy(field, v);
		return 0;
	case K_SIZE:
	case K_UINT:
		if (parse_size(v, &n) || (k->kind == K_UINT && n > UINT32_MAX)) {
			snprintf(err, errlen, "%s '%s': expected a number%s", k->name,
				 v, k->kind == K_SIZE ? " (K, M, G for sizes)" : "");
			return -1;
		}
		if (k->kind == K_SIZE)
			*(uint64_t *)field = n;
		else
			*(unsigned int *)field = (unsigned int)n;
		return 0;
	case K_BOOL:
		if (parse_bool(v, (bool *)field))
			return 0;
		snprintf(err, errlen, "%s '%s': expected yes or no", k->name, v);
		return -1;
	case K_FULL:
		if (!strcmp(v, "drop-oldest") || !strcmp(v, "drop-newest")) {
			*(enum output_full *)field = !strcmp(v, "drop-oldest") ?
				FULL_DROP_OLDEST : FULL_DROP_NEWEST;
			return 0;
		}
		snprintf(err, errlen, "%s '%s': expected drop-oldest or "
			 "drop-newest", k->name, v);
		return -1;
	case K_FACILITY:
		if (!parse_name(v, facilities, ARRAY_SIZE(facilities), (int *)field))
			return 0;
		snprintf(err, errlen, "facility '%s': expected a syslog facility "
			 "(auth, authpriv, daemon, local0..local7, ...)", v);
		return -1;
	case K_SEVERITY:
		if (!parse_name(v, severities, ARRAY_SIZE(severities), (int *)field))
			return 0;
		snprintf(err, errlen, "severity '%s': expected emerg, alert, "
			 "crit, err, warning, notice, info or debug", v);
		return -1;
	case K_MATCH:
		return match_add(&o->match, v, err, errlen);
	case K_PRIORITY:
		if (!strcmp(v, "idle")) {
			o->priority = OUTPUT_PRIO_IDLE;
			return 0;
		}
		/* a plain number: parse_size() would take 1K too */
		if (strspn(v, "0123456789") == strlen(v) && !parse_size(v, &n) &&
		    n <= 19) {
			o->priority = (int)n;
			return 0;
		}
		snprintf(err, errlen, "priority '%s': expected idle or a nice "
			 "value 0-19", v);
		return -1;
	}
	return -1;
}

/* --- sections ---------------------------------------------------------- */

struct parser {
	struct outputs_conf *c;
	const char *file;
	unsigned int line;
	struct output_conf *cur;	/* NULL in the daemon's part */
	uint64_t seen;			/* keys given in this section */
	int errors;
};

static void perr(struct parser *p, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void perr(struct parser *p, unsigned int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_warnx("%s:%u: %s", p->file, line, msg);
	p->errors++;
}

static bool name_ok(const char *s, size_t n)
{
	if (!n || n > 63)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
			return false;
	return true;
}

static bool is_identifier(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	while (*++s)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static void check_path(struct parser *p, const struct output_conf *o,
		       const char *key, const char *path, bool required)
{
	if (!*path && required)
		perr(p, o->line, "output %s: %s is required", o->name, key);
	else if (*path && *path != '/')
		perr(p, o->line, "output %s: %s '%s' is not an absolute path",
		     o->name, key, path);
}

static void check_remote(struct parser *p, struct output_conf *o)
{
	if (!*o->host)
		perr(p, o->line, "output %s: host is required", o->name);
	if (!*o->port)
		strcpy(o->port, o->tls ? "6514" : "514");
	if (!*o->tls_name)
		snprintf(o->tls_name, sizeof(o->tls_name), "%s", o->host);
	if (!*o->tls_cert != !*o->tls_key)
		perr(p, o->line, "output %s: tls_cert and tls_key go together",
		     o->name);
	check_path(p, o, "tls_ca", o->tls_ca, false);
	check_path(p, o, "tls_cert", o->tls_cert, false);
	check_path(p, o, "tls_key", o->tls_key, false);
	check_path(p, o, "spool_dir", o->spool_dir, false);
	if (!sd_name_valid(o->sd_id))
		perr(p, o->line, "output %s: sd_id '%s': expected NAME@NUMBER "
		     "(your enterprise number)", o->name, o->sd_id);
	if (o->backoff_min_ms < 1 || o->backoff_min_ms > o->backoff_max_ms)
		perr(p, o->line, "output %s: expected 1 <= backoff_min_ms <= "
		     "backoff_max_ms", o->name);
	if (o->timeout_ms < 100)
		perr(p, o->line, "output %s: timeout_ms below 100", o->name);
	if (!o->spool_mem && !*o->spool_dir)
		perr(p, o->line, "output %s: spool_mem 0 needs a spool_dir",
		     o->name);
}

/* What the whole section says, once it has ended. */
static void end_section(struct parser *p)
{
	struct output_conf *o = p->cur;

	if (!o)
		return;
	if (!(p->seen & 1)) {
		perr(p, o->line, "output %s: no type (file, syslog or remote)",
		     o->name);
		return;
	}
	for (size_t i = 0; i < NKEYS; i++)
		if ((p->seen >> i & 1) && !(keys[i].types & (1u << o->type)))
			perr(p, o->line, "output %s: %s does not apply to type %s",
			     o->name, keys[i].name, output_type_name(o->type));
	if (!o->queue)
		perr(p, o->line, "output %s: queue must be at least 1", o->name);
	check_path(p, o, "lua", o->lua, false);
	if (!is_identifier(o->lua_function))
		perr(p, o->line, "output %s: lua_function '%s' is not a name",
		     o->name, o->lua_function);
	if (o->type == OUT_FILE)
		check_path(p, o, "path", o->path, true);
	if (o->type == OUT_SYSLOG)
		check_path(p, o, "socket", o->socket, true);
	if (o->type == OUT_REMOTE)
		check_remote(p, o);
}

static void begin_section(struct parser *p, const char *s)
{
	size_t n = strlen(s);
	struct output_conf *o;

	end_section(p);
	p->cur = NULL;
	p->seen = 0;
	if (n < 9 || strncmp(s, "[output ", 8) || s[n - 1] != ']' ||
	    !name_ok(s + 8, n - 9)) {
		perr(p, p->line, "'%s': expected [output NAME], NAME 1-63 of "
		     "A-Z a-z 0-9 _ . -", s);
		return;
	}
	for (size_t i = 0; i < p->c->n; i++)
		if (strlen(p->c->out[i].name) == n - 9 &&
		    !strncmp(p->c->out[i].name, s + 8, n - 9))
			perr(p, p->line, "output %.*s defined twice (line %u)",
			     (int)(n - 9), s + 8, p->c->out[i].line);
	o = realloc(p->c->out, (p->c->n + 1) * sizeof(*o));
	if (!o)
		abort();
	p->c->out = o;
	p->cur = &o[p->c->n++];
	defaults(p->cur);
	snprintf(p->cur->name, sizeof(p->cur->name), "%.*s", (int)(n - 9),
		 s + 8);
	p->cur->file = p->file;
	p->cur->line = p->line;
}

static int key_line(struct parser *p, const char *k, const char *v,
		    char *err, size_t errlen)
{
	size_t i;

	if (!v) {
		snprintf(err, errlen, "'%s': expected KEY = VALUE", k);
		return -1;
	}
	for (i = 0; i < NKEYS && strcmp(keys[i].name, k); i++)
		;
	if (i == NKEYS) {
		snprintf(err, errlen, "'%s': not a key of an output section", k);
		return -1;
	}
	if ((p->seen >> i & 1) && keys[i].kind != K_MATCH) {
		snprintf(err, errlen, "%s given twice", k);
		return -1;
	}
	p->seen |= 1ULL << i;
	return set_value(p->cur, &keys[i], v, err, errlen);
}

/* One line of the file; the daemon's keys come before the first section. */
static int conf_line_cb(void *ctx, const char *line, char *err, size_t errlen)
{
	struct parser *p = ctx;
	char *copy = strdup(line), *key, *v;
	int ret = 0;

	if (!copy)
		abort();
	p->line++;
	if (!conf_split(copy, &key, &v))
		goto out;
	if (*key == '[') {
		if (v) {
			snprintf(err, errlen, "'%s=%s': expected [output NAME]",
				 key, v);
			ret = -1;
		} else {
			begin_section(p, key);
		}
	} else if (p->cur) {
		ret = key_line(p, key, v, err, errlen);
	}
out:
	free(copy);
	return ret;
}

int outputs_conf_load(const char *path, struct outputs_conf *c)
{
	struct parser p = { .c = c, .file = path };
	int ret;

	memset(c, 0, sizeof(*c));
	if (access(path, F_OK) && errno == ENOENT)
		return 0;
	ret = conf_read(path, conf_line_cb, &p);
	end_section(&p);
	return ret || p.errors ? -1 : 0;
}

void outputs_conf_free(struct outputs_conf *c)
{
	for (size_t i = 0; i < c->n; i++)
		match_free(&c->out[i].match);
	free(c->out);
	c->out = NULL;
	c->n = 0;
}
