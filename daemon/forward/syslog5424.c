// SPDX-License-Identifier: GPL-2.0
/* RFC 5424 messages and RFC 6587 octet-counting frames, both ways. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "syslog5424.h"

/* Header fields are PRINTUSASCII (33..126); anything else becomes '_'. */
static void add_header_field(struct buf *out, const char *s, size_t max)
{
	size_t i;

	if (!s || !*s) {
		buf_addc(out, '-');
		return;
	}
	for (i = 0; s[i] && i < max; i++) {
		unsigned char c = s[i];

		buf_addc(out, c >= 33 && c <= 126 ? (char)c : '_');
	}
}

static void add_timestamp(struct buf *out, uint64_t ns)
{
	time_t sec = ns / 1000000000ULL;
	char t[32];
	struct tm tm;

	gmtime_r(&sec, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%S", &tm);
	buf_printf(out, "%s.%06uZ", t, (unsigned int)(ns % 1000000000ULL / 1000));
}

bool sd_name_valid(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > SYSLOG_SDNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c < 33 || c > 126 || c == '=' || c == ']' || c == '"' ||
		    c == ' ')
			return false;
	}
	return true;
}

/* PARAM-VALUE: '"', '\' and ']' are escaped with '\'. */
static void add_param_value(struct buf *out, const char *v)
{
	for (; *v; v++) {
		if (*v == '"' || *v == '\\' || *v == ']')
			buf_addc(out, '\\');
		buf_addc(out, *v);
	}
}

static void add_sd(struct buf *out, const struct rfc5424 *h)
{
	if (!h->sd_id) {
		buf_addc(out, '-');
		return;
	}
	buf_addc(out, '[');
	buf_adds(out, h->sd_id);
	for (size_t i = 0; i < h->nparams; i++) {
		buf_printf(out, " %s=\"", h->params[i].name);
		add_param_value(out, h->params[i].value);
		buf_addc(out, '"');
	}
	buf_addc(out, ']');
}

void rfc5424_format(struct buf *out, const struct rfc5424 *h,
		    const char *msg, size_t msglen)
{
	buf_printf(out, "<%d>1 ", h->facility * 8 + h->severity);
	add_timestamp(out, h->time_ns);
	buf_addc(out, ' ');
	add_header_field(out, h->hostname, SYSLOG_HOSTNAME_MAX);
	buf_addc(out, ' ');
	add_header_field(out, h->app_name, SYSLOG_APPNAME_MAX);
	buf_addc(out, ' ');
	add_header_field(out, h->procid, SYSLOG_PROCID_MAX);
	buf_addc(out, ' ');
	add_header_field(out, h->msgid, SYSLOG_MSGID_MAX);
	buf_addc(out, ' ');
	add_sd(out, h);
	if (msglen) {
		buf_addc(out, ' ');
		buf_add(out, msg, msglen);
	}
}

void rfc6587_frame(struct buf *out, const char *msg, size_t len)
{
	buf_printf(out, "%zu ", len);
	buf_add(out, msg, len);
}

long rfc6587_unframe(const char *in, size_t n, const char **msg,
		     size_t *len)
{
	size_t i = 0, v = 0;

	while (i < n && in[i] >= '0' && in[i] <= '9') {
		if (i == 9 || (i == 0 && in[i] == '0'))
			return -1;	/* no message is a gigabyte */
		v = v * 10 + (in[i] - '0');
		i++;
	}
	if (i == n)
		return 0;
	if (!i || in[i] != ' ' || !v)
		return -1;
	i++;
	if (n - i < v)
		return 0;
	*msg = in + i;
	*len = v;
	return (long)(i + v);
}

/* --- parsing ------------------------------------------------------------ */

struct cursor {
	char *p, *end;
	char *err;
	size_t errlen;
};

static int perr(struct cursor *c, const char *what)
{
	snprintf(c->err, c->errlen, "%s at \"%.20s\"", what, c->p);
	return -1;
}

/* A header field up to the next space, NUL-terminated in place. */
static int take_field(struct cursor *c, char **out, size_t max,
		      const char *what)
{
	char *start = c->p;

	while (c->p < c->end && *c->p != ' ') {
		unsigned char ch = *c->p;

		if (ch < 33 || ch > 126)
			return perr(c, what);
		c->p++;
	}
	if (c->p == start || (size_t)(c->p - start) > max || c->p == c->end)
		return perr(c, what);
	*c->p++ = '\0';
	*out = start;
	return 0;
}

/* One SD-ELEMENT: '[' SD-ID *(SP NAME="VALUE") ']' */
static int skip_element(struct cursor *c)
{
	bool in_value = false;

	for (c->p++; c->p < c->end; c->p++) {
		if (in_value && *c->p == '\\' && c->p + 1 < c->end) {
			c->p++;
			continue;
		}
		if (*c->p == '"')
			in_value = !in_value;
		else if (*c->p == ']' && !in_value) {
			c->p++;
			return 0;
		}
	}
	return perr(c, "unterminated SD-ELEMENT");
}

static int take_sd(struct cursor *c, char **out)
{
	char *start = c->p;

	if (c->p < c->end && *c->p == '-') {
		c->p++;
	} else {
		if (c->p == c->end || *c->p != '[')
			return perr(c, "expected STRUCTURED-DATA");
		while (c->p < c->end && *c->p == '[')
			if (skip_element(c))
				return -1;
	}
	if (c->p < c->end && *c->p != ' ')
		return perr(c, "expected a space after STRUCTURED-DATA");
	*out = strndup(start, c->p - start);
	if (!*out)
		abort();
	if (c->p < c->end)
		c->p++;
	return 0;
}

static int take_pri(struct cursor *c, int *pri)
{
	int v = 0, digits = 0;

	if (c->p == c->end || *c->p++ != '<')
		return perr(c, "expected <PRI>");
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9' && digits < 3) {
		v = v * 10 + (*c->p++ - '0');
		digits++;
	}
	if (!digits || v > 191 || c->end - c->p < 3 || memcmp(c->p, ">1 ", 3))
		return perr(c, "expected <PRI>1");
	c->p += 3;
	*pri = v;
	return 0;
}

int rfc5424_parse(const char *in, size_t n, struct rfc5424_parsed *p,
		  char *err, size_t errlen)
{
	struct cursor c = { .err = err, .errlen = errlen };
	char *sd = NULL;

	memset(p, 0, sizeof(*p));
	p->copy = malloc(n + 1);
	if (!p->copy)
		abort();
	memcpy(p->copy, in, n);
	p->copy[n] = '\0';
	c.p = p->copy;
	c.end = p->copy + n;
	if (take_pri(&c, &p->pri) ||
	    take_field(&c, &p->timestamp, 32, "bad TIMESTAMP") ||
	    take_field(&c, &p->hostname, SYSLOG_HOSTNAME_MAX, "bad HOSTNAME") ||
	    take_field(&c, &p->app_name, SYSLOG_APPNAME_MAX, "bad APP-NAME") ||
	    take_field(&c, &p->procid, SYSLOG_PROCID_MAX, "bad PROCID") ||
	    take_field(&c, &p->msgid, SYSLOG_MSGID_MAX, "bad MSGID") ||
	    take_sd(&c, &sd)) {
		free(sd);
		rfc5424_parsed_free(p);
		return -1;
	}
	p->sd = sd;
	p->msg = c.p;
	p->msglen = c.end - c.p;
	return 0;
}

/* Finds '[' ID followed by ' ' or ']' outside any value. */
static const char *find_element(const char *sd, const char *id)
{
	size_t idlen = strlen(id);
	bool in_value = false;

	for (const char *s = sd; *s; s++) {
		if (in_value && *s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (*s == '"')
			in_value = !in_value;
		else if (!in_value && *s == '[' && !strncmp(s + 1, id, idlen) &&
			 (s[1 + idlen] == ' ' || s[1 + idlen] == ']'))
			return s + 1 + idlen;
	}
	return NULL;
}

bool rfc5424_sd_value(const struct rfc5424_parsed *p, const char *sd_id,
		      const char *name, struct buf *out)
{
	const char *s = find_element(p->sd, sd_id);
	size_t nlen = strlen(name);

	while (s && *s == ' ') {
		const char *eq = strchr(s + 1, '=');
		bool want;

		if (!eq || eq[1] != '"')
			return false;
		want = (size_t)(eq - s - 1) == nlen && !strncmp(s + 1, name, nlen);
		buf_reset(out);
		for (s = eq + 2; *s && *s != '"'; s++) {
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\' || s[1] == ']'))
				s++;
			buf_addc(out, *s);
		}
		if (*s != '"')
			return false;
		if (want)
			return true;
		s++;
	}
	return false;
}

void rfc5424_parsed_free(struct rfc5424_parsed *p)
{
	free(p->copy);
	free(p->sd);
	memset(p, 0, sizeof(*p));
}
