// SPDX-License-Identifier: GPL-2.0
/* Selecting events for review: parsing the filters, and matching them. */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <libaudit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libaudit.h>

#include "array_size.h"
#include "fields.h"
#include "filter.h"
#include "log.h"
#include "rules.h"

#define NS	1000000000ULL

void filter_init(struct filter *f)
{
	memset(f, 0, sizeof(*f));
}

void filter_free(struct filter *f)
{
	for (int k = 0; k < FILTER_NKEYS; k++) {
		for (unsigned int i = 0; i < f->v[k].n; i++)
			free(f->v[k].str[i]);
		free(f->v[k].str);
		free(f->v[k].num);
	}
	filter_init(f);
}

static void push(struct filter_values *v, const char *s, uint64_t num)
{
	char **str = realloc(v->str, (v->n + 1) * sizeof(*str));
	uint64_t *nums = str ? realloc(v->num, (v->n + 1) * sizeof(*nums)) : NULL;

	if (str)
		v->str = str;
	if (nums)
		v->num = nums;
	if (!str || !nums || !(v->str[v->n] = strdup(s))) {
		perror("c2audit");
		exit(1);
	}
	v->num[v->n++] = num;
}

static int parse_pid(const char *s, uint64_t *out)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || *end || *out > 0x7fffffff ? -1 : 0;
}

static int record_type_lookup(const char *s)
{
	for (unsigned int t = C2A_REC_SYSCALL; t <= C2A_REC_USER; t++)
		if (t != C2A_REC_CONT && !strcmp(s, record_type_name(t)))
			return t;
	return -1;
}

/* A syscall's result as the user writes it: -EACCES, EACCES, -13, 0. */
static int parse_result(const char *s, uint64_t *out)
{
	const char *name = *s == '-' ? s + 1 : s;
	long long v;
	char *end;
	int e;

	if (*name == 'E') {
		e = audit_name_to_errno(name);
		if (e <= 0)
			return -1;
		*out = (uint64_t)-(int64_t)e;
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 0);
	if (errno || end == s || *end)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

/* A name libaudit knows (USER_LOGIN, AVC, ...), or a number. */
static int parse_msgtype(const char *s, uint64_t *out)
{
	char *end;
	int t;

	if (isdigit((unsigned char)*s)) {
		errno = 0;
		*out = strtoull(s, &end, 10);
		return errno || *end || *out > 0xffff ? -1 : 0;
	}
	t = audit_name_to_msg_type(s);
	if (t <= 0)
		return -1;
	*out = (uint64_t)t;
	return 0;
}

static int add_one(struct filter_values *v, enum filter_key key,
		   const char *s, char *err, size_t len)
{
	unsigned int id;
	uint64_t num = 0;
	int n;

	if (!*s) {
		log_errmsg(err, len, "an empty value");
		return -1;
	}
	switch (key) {
	case FILTER_UID:
	case FILTER_EUID:
	case FILTER_AUID:
		if (!id_parse(key == FILTER_AUID ? "auid" : "uid", s, &id)) {
			log_errmsg(err, len, "'%s' is not a uid or a known user%s",
				    s, key == FILTER_AUID ? " (or unset)" : "");
			return -1;
		}
		num = id;
		break;
	case FILTER_SESSION:
		if (!strcmp(s, "unset")) {
			num = UINT32_MAX;
		} else if (parse_pid(s, &num) || num > UINT32_MAX) {
			log_errmsg(err, len, "'%s' is not a session id (or unset)", s);
			return -1;
		}
		break;
	case FILTER_EXIT:
		if (parse_result(s, &num)) {
			log_errmsg(err, len, "'%s' is not a result: -ENAME (-EACCES), or a number", s);
			return -1;
		}
		break;
	case FILTER_PPID:
	case FILTER_PID:
		if (parse_pid(s, &num)) {
			log_errmsg(err, len, "'%s' is not a pid", s);
			return -1;
		}
		break;
	case FILTER_SYSCALL:
		n = sys_lookup(s);
		if (n < 0) {
			log_errmsg(err, len, "'%s' is not a syscall c2audit audits (see `c2audit rules --help`)",
				    s);
			return -1;
		}
		num = n;
		break;
	case FILTER_TYPE:
		n = record_type_lookup(s);
		if (n < 0) {
			log_errmsg(err, len, "'%s' is not a record type (syscall, lost, config, lsm, uprobe, user)",
				    s);
			return -1;
		}
		num = n;
		break;
	case FILTER_MSGTYPE:
		if (parse_msgtype(s, &num)) {
			log_errmsg(err, len, "'%s' is not an audit message type (a name as ausearch -m takes, USER_LOGIN, ..., or a number)",
				    s);
			return -1;
		}
		break;
	default:
		break;
	}
	push(v, s, num);
	return 0;
}

int filter_add(struct filter *f, enum filter_key key, const char *arg,
	       char *err, size_t errlen)
{
	char *copy = strdup(arg), *save = NULL, *tok;
	int ret = 0;

	if (!copy) {
		log_errmsg(err, errlen, "out of memory");
		return -1;
	}
	/* A path or a glob may hold commas: it is one value. */
	if (key == FILTER_PATH || key == FILTER_EXE || key == FILTER_COMM) {
		ret = add_one(&f->v[key], key, arg, err, errlen);
		free(copy);
		return ret;
	}
	for (tok = strtok_r(copy, ",", &save); tok && !ret;
	     tok = strtok_r(NULL, ",", &save))
		ret = add_one(&f->v[key], key, tok, err, errlen);
	if (!ret && !f->v[key].n) {
		log_errmsg(err, errlen, "no value");
		ret = -1;
	}
	free(copy);
	return ret;
}

/* --- time ------------------------------------------------------------- */

static int parse_age(const char *s, time_t now, uint64_t *ns)
{
	static const struct { char unit; unsigned long secs; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
		{ 'w', 7 * 86400 },
	};
	unsigned long long n;
	char *end;

	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || !*end)
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		if (*end != units[i].unit)
			continue;
		end++;
		if (*end && strcmp(end, " ago"))
			return -1;
		n *= units[i].secs;
		if (n > (unsigned long long)now)
			n = now;
		*ns = (uint64_t)(now - n) * NS;
		return 0;
	}
	return -1;
}

static uint64_t midnight(time_t now, int days_back)
{
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_mday -= days_back;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (uint64_t)mktime(&tm) * NS;
}

/* ".123" after seconds: nanoseconds, at most 9 digits. */
static const char *parse_fraction(const char *p, uint64_t *frac)
{
	uint64_t scale = NS / 10;

	*frac = 0;
	if (*p != '.')
		return p;
	if (!isdigit((unsigned char)*++p))
		return NULL;
	for (; isdigit((unsigned char)*p); p++) {
		if (!scale)
			return NULL;
		*frac += (*p - '0') * scale;
		scale /= 10;
	}
	return p;
}

/* "Z", "+01:00", "-0500", or nothing (local time). */
static const char *parse_zone(const char *p, bool *utc, long *offset)
{
	int h, m, n = 0;

	*utc = false;
	*offset = 0;
	if (*p == 'Z' || *p == 'z') {
		*utc = true;
		return p + 1;
	}
	if (*p != '+' && *p != '-')
		return p;
	if (sscanf(p + 1, "%2d:%2d%n", &h, &m, &n) != 2 &&
	    sscanf(p + 1, "%2d%2d%n", &h, &m, &n) != 2)
		return NULL;
	if (h > 23 || m > 59)
		return NULL;
	*utc = true;
	*offset = (*p == '-' ? -1 : 1) * (h * 3600L + m * 60L);
	return p + 1 + n;
}

static int parse_clock(const char *s, time_t now, uint64_t *ns)
{
	static const char *const formats[] = {
		"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M",
		"%Y-%m-%d %H:%M", "%Y-%m-%d", "%H:%M:%S", "%H:%M",
	};

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		struct tm tm = { .tm_isdst = -1 };
		const char *p;
		uint64_t frac;
		bool utc;
		long off;
		time_t t;

		if (formats[i][1] == 'H') {
			localtime_r(&now, &tm);
			tm.tm_isdst = -1;
		}
		p = strptime(s, formats[i], &tm);
		if (!p)
			continue;
		p = parse_fraction(p, &frac);
		if (p)
			p = parse_zone(p, &utc, &off);
		if (!p || *p)
			continue;
		t = utc ? timegm(&tm) - off : mktime(&tm);
		if (t < 0)
			return -1;
		*ns = (uint64_t)t * NS + frac;
		return 0;
	}
	return -1;
}

int filter_parse_time(const char *s, time_t now, uint64_t *ns,
		      char *err, size_t errlen)
{
	unsigned long long epoch;
	uint64_t frac;
	const char *p;
	char *end;

	if (!strcmp(s, "now")) {
		*ns = (uint64_t)now * NS;
		return 0;
	}
	if (!strcmp(s, "today") || !strcmp(s, "yesterday")) {
		*ns = midnight(now, s[0] == 'y');
		return 0;
	}
	if (*s == '@' && isdigit((unsigned char)s[1])) {
		errno = 0;
		epoch = strtoull(s + 1, &end, 10);
		p = errno ? NULL : parse_fraction(end, &frac);
		if (p && !*p && epoch < UINT64_MAX / NS) {
			*ns = epoch * NS + frac;
			return 0;
		}
	}
	if (!parse_age(s, now, ns) || !parse_clock(s, now, ns))
		return 0;
	log_errmsg(err, errlen, "'%s' is not a time: use e.g. 2026-11-22, '2026-11-22 10:30', 2026-11-22T10:30:00Z, 10:30, @1700000000, 15m, '2h ago', today, yesterday, now",
		    s);
	return -1;
}

/* --- matching --------------------------------------------------------- */

static bool is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static bool has_num(const struct filter_values *v, uint64_t n)
{
	for (unsigned int i = 0; i < v->n; i++)
		if (v->num[i] == n)
			return true;
	return false;
}

static bool str_matches(const char *pattern, const char *s, size_t len)
{
	if (is_glob(pattern))
		return !fnmatch(pattern, s, 0);
	return strlen(pattern) == len && !memcmp(pattern, s, len);
}

/* "/etc" takes /etc and what is below it, not /etcetera. */
static bool path_matches(const char *pattern, const char *s, size_t len)
{
	size_t n = strlen(pattern);

	if (is_glob(pattern))
		return !fnmatch(pattern, s, 0);
	while (n > 1 && pattern[n - 1] == '/')
		n--;
	if (len < n || memcmp(pattern, s, n))
		return false;
	return len == n || s[n] == '/' || (n == 1 && pattern[0] == '/');
}

static bool any_str(const struct filter_values *v, const struct evt_str *s,
		    bool (*match)(const char *, const char *, size_t))
{
	if (!s)
		return false;
	for (unsigned int i = 0; i < v->n; i++)
		if (match(v->str[i], s->data, s->have < s->len ? s->have : s->len))
			return true;
	return false;
}

static bool path_any(const struct filter_values *v, const struct evt *ev)
{
	return any_str(v, evt_find_str(ev, C2A_STR_PATH), path_matches) ||
	       any_str(v, evt_find_str(ev, C2A_STR_PATH2), path_matches);
}

static bool comm_any(const struct filter_values *v, const char *comm,
		     size_t size)
{
	size_t len = strnlen(comm, size);

	for (unsigned int i = 0; i < v->n; i++)
		if (str_matches(v->str[i], comm, len))
			return true;
	return false;
}

/* @key is one of the rule's keys, which ',' separates. */
static bool key_any(const struct filter_values *v, const char *key)
{
	size_t len = strnlen(key, C2A_KEY_LEN);

	for (const char *k = key; k < key + len;) {
		const char *comma = memchr(k, ',', key + len - k);
		size_t n = comma ? (size_t)(comma - k) : (size_t)(key + len - k);

		for (unsigned int i = 0; i < v->n; i++)
			if (strlen(v->str[i]) == n && !memcmp(v->str[i], k, n))
				return true;
		k += n + 1;
	}
	return false;
}

/* Failure: a syscall that returned -errno, a hook or change refused. */
static bool failed(const struct c2a_record *rec)
{
	switch (rec->hdr.type) {
	case C2A_REC_SYSCALL:
		return rec->ev.u.sys.ret < 0 && rec->ev.u.sys.ret >= -4095;
	case C2A_REC_LSM:
		return rec->ev.u.lsm.result < 0;
	case C2A_REC_CONFIG:
		return rec->ev.u.cfg.result < 0;
	case C2A_REC_USER:
		return rec->ev.u.user.result == 0;
	}
	return false;
}

static bool event_matches(const struct filter *f, const struct evt *ev)
{
	const struct c2a_record *rec = &ev->rec;
	const struct c2a_subject *s = &rec->ev.subj;
	const struct filter_values *v = f->v;
	bool is_sys = rec->hdr.type == C2A_REC_SYSCALL;

	if (v[FILTER_UID].n && !has_num(&v[FILTER_UID], s->uid))
		return false;
	if (v[FILTER_AUID].n && !has_num(&v[FILTER_AUID], s->auid))
		return false;
	if (v[FILTER_EUID].n && !has_num(&v[FILTER_EUID], s->euid))
		return false;
	if (v[FILTER_PPID].n && !has_num(&v[FILTER_PPID], s->ppid))
		return false;
	if (v[FILTER_SESSION].n && !has_num(&v[FILTER_SESSION], s->sessionid))
		return false;
	if (v[FILTER_EXIT].n &&
	    (!is_sys || !has_num(&v[FILTER_EXIT], (uint64_t)rec->ev.u.sys.ret)))
		return false;
	if (v[FILTER_PID].n && !has_num(&v[FILTER_PID], s->pid) &&
	    !has_num(&v[FILTER_PID], s->tgid))
		return false;
	if (v[FILTER_COMM].n && !comm_any(&v[FILTER_COMM], s->comm, sizeof(s->comm)))
		return false;
	if (v[FILTER_EXE].n &&
	    !any_str(&v[FILTER_EXE], evt_find_str(ev, C2A_STR_EXE), str_matches))
		return false;
	if (v[FILTER_SYSCALL].n &&
	    (!is_sys || !has_num(&v[FILTER_SYSCALL], rec->ev.u.sys.sysid)))
		return false;
	if (v[FILTER_KEY].n && !key_any(&v[FILTER_KEY], rec->ev.key))
		return false;
	if (v[FILTER_PATH].n && !path_any(&v[FILTER_PATH], ev))
		return false;
	if (v[FILTER_MSGTYPE].n && (rec->hdr.type != C2A_REC_USER ||
	    !has_num(&v[FILTER_MSGTYPE], rec->ev.u.user.msgtype)))
		return false;
	if (f->outcome != FILTER_ANY &&
	    failed(rec) != (f->outcome == FILTER_FAILURE))
		return false;
	return true;
}

bool filter_match(const struct filter *f, const struct evt *ev)
{
	uint64_t t = ev->rec.hdr.time_ns;

	if (f->has_since && t < f->since_ns)
		return false;
	if (f->has_until && t >= f->until_ns)
		return false;
	if (f->v[FILTER_TYPE].n && !has_num(&f->v[FILTER_TYPE], ev->rec.hdr.type))
		return false;
	if (ev->rec.hdr.type == C2A_REC_LOSS)
		return true;
	return event_matches(f, ev);
}
