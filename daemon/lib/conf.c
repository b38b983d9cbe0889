// SPDX-License-Identifier: GPL-2.0
/* c2auditd.conf: KEY = VALUE lines, with FILE:LINE errors. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array_size.h"
#include "c2audit.h"
#include "conf.h"
#include "log.h"

static const char *const action_names[] = {
	[ACT_IGNORE] = "ignore",
	[ACT_SYSLOG] = "syslog",
	[ACT_SUSPEND] = "suspend",
	[ACT_ROTATE] = "rotate",
	[ACT_KEEP_LOGS] = "keep_logs",
	[ACT_HALT] = "halt",
};

static const char *const kaudit_names[] = {
	[KAUDIT_AUTO] = "auto",
	[KAUDIT_OWN] = "own",
	[KAUDIT_BESIDE] = "beside",
	[KAUDIT_OFF] = "off",
};

const char *conf_kaudit_name(enum conf_kaudit k)
{
	return (unsigned int)k < ARRAY_SIZE(kaudit_names) ? kaudit_names[k] : "?";
}

const char *conf_action_name(enum conf_action a)
{
	return (unsigned int)a < ARRAY_SIZE(action_names) ? action_names[a] : "?";
}

void conf_flush_name(const struct conf *c, char *out, size_t len)
{
	if (c->flush == FLUSH_INTERVAL)
		snprintf(out, len, "interval:%u", c->flush_ms);
	else
		snprintf(out, len, "%s", c->flush == FLUSH_BATCH ? "batch" : "none");
}

void conf_init(struct conf *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->log_dir, CONF_LOG_DIR);
	strcpy(c->rules_file, CONF_RULES);
	strcpy(c->device, C2A_DEVICE);
	c->flush = FLUSH_BATCH;
	c->read_batch = 1024;
	c->max_log_file = 8ULL << 20;
	c->max_log_file_action = ACT_ROTATE;
	c->num_logs = 5;
	c->space_left.bytes = 75ULL << 20;
	c->space_left_action = ACT_SYSLOG;
	c->admin_space_left.bytes = 50ULL << 20;
	c->admin_space_left_action = ACT_SUSPEND;
	c->disk_full_action = ACT_SUSPEND;
	c->disk_error_action = ACT_SYSLOG;
}

enum val_type { V_PATH, V_OPT_PATH, V_ACTION, V_SPACE, V_SIZE, V_COUNT,
		V_BATCH, V_FLUSH, V_GROUP, V_KAUDIT, V_BOOL };

static const struct conf_key {
	const char *name;
	enum val_type type;
	size_t off;
} keys[] = {
#define K(name, type) { #name, type, offsetof(struct conf, name) }
	K(log_dir, V_PATH),
	K(log_group, V_GROUP),
	K(rules_file, V_OPT_PATH),
	K(key_file, V_OPT_PATH),
	K(device, V_PATH),
	K(flush, V_FLUSH),
	K(read_batch, V_BATCH),
	K(max_log_file, V_SIZE),
	K(max_log_file_action, V_ACTION),
	K(num_logs, V_COUNT),
	K(space_left, V_SPACE),
	K(space_left_action, V_ACTION),
	K(admin_space_left, V_SPACE),
	K(admin_space_left_action, V_ACTION),
	K(disk_full_action, V_ACTION),
	K(disk_error_action, V_ACTION),
	K(kernel_audit, V_KAUDIT),
	K(forward_verify, V_BOOL),
#undef K
};

#define READ_BATCH_MAX	65536
#define COUNT_MAX	100000
#define FLUSH_MS_MAX	3600000

static bool parse_u64(const char *v, uint64_t *out, const char **rest)
{
	char *end;

	if (!isdigit((unsigned char)*v))
		return false;
	errno = 0;
	*out = strtoull(v, &end, 10);
	*rest = end;
	return !errno;
}

/* N (MiB, as auditd), NK, NM, NG */
static bool parse_size(const char *v, uint64_t *out)
{
	static const char units[] = "KMG";
	const char *rest, *u;
	uint64_t n;
	int shift = 20;

	if (!parse_u64(v, &n, &rest))
		return false;
	if (*rest) {
		u = strchr(units, toupper((unsigned char)*rest));
		if (!u || rest[1])
			return false;
		shift = 10 * (u - units + 1);
	}
	if (n > (UINT64_MAX >> shift))
		return false;
	*out = n << shift;
	return true;
}

static bool parse_space(const char *v, struct conf_space *out)
{
	const char *rest;
	uint64_t n;

	if (parse_u64(v, &n, &rest) && !strcmp(rest, "%")) {
		if (n > 99)
			return false;
		*out = (struct conf_space){ .percent = n };
		return true;
	}
	*out = (struct conf_space){ 0 };
	return parse_size(v, &out->bytes);
}

static bool parse_count(const char *v, unsigned int *out, unsigned int min,
			unsigned int max)
{
	const char *rest;
	uint64_t n;

	if (!parse_u64(v, &n, &rest) || *rest || n < min || n > max)
		return false;
	*out = n;
	return true;
}

static bool parse_flush(struct conf *c, const char *v)
{
	if (!strcmp(v, "none") || !strcmp(v, "batch")) {
		c->flush = *v == 'n' ? FLUSH_NONE : FLUSH_BATCH;
		return true;
	}
	if (strncmp(v, "interval:", 9) ||
	    !parse_count(v + 9, &c->flush_ms, 1, FLUSH_MS_MAX))
		return false;
	c->flush = FLUSH_INTERVAL;
	return true;
}

static bool parse_action(const char *v, enum conf_action *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(action_names); i++)
		if (!strcmp(v, action_names[i])) {
			*out = i;
			return true;
		}
	return false;
}

static bool parse_path(const char *v, char *out, bool optional)
{
	if (optional && !strcmp(v, "none")) {
		out[0] = '\0';
		return true;
	}
	if (v[0] != '/' || strlen(v) >= PATH_MAX)
		return false;
	strcpy(out, v);
	return true;
}

/* A group name, or a number, or none; looked up now, applied at start. */
static bool parse_group(const char *v, struct conf_group *g)
{
	const struct group *gr;
	const char *rest;
	uint64_t n;

	memset(g, 0, sizeof(*g));
	if (!strcmp(v, "none"))
		return true;
	if (strlen(v) >= sizeof(g->name))
		return false;
	if (parse_u64(v, &n, &rest) && !*rest) {
		if (n >= (gid_t)-1)
			return false;
		g->gid = n;
	} else {
		gr = getgrnam(v);
		if (!gr)
			return false;
		g->gid = gr->gr_gid;
	}
	g->set = true;
	strcpy(g->name, v);
	return true;
}

static const char *const expected[] = {
	[V_PATH] = "an absolute path",
	[V_OPT_PATH] = "an absolute path, or none",
	[V_ACTION] = "ignore, syslog, suspend, rotate, keep_logs or halt",
	[V_SPACE] = "a size (N for MiB, NK, NM, NG) or a percentage N% below 100",
	[V_SIZE] = "a size: N for MiB, NK, NM, NG; 0 for no limit",
	[V_COUNT] = "a number of files, 0 (keep all) to 100000",
	[V_BATCH] = "a number of records, 1 to 65536",
	[V_FLUSH] = "none, batch or interval:MS (MS 1 to 3600000)",
	[V_GROUP] = "a group of this system (name or number), or none",
	[V_KAUDIT] = "auto, own, beside or off",
	[V_BOOL] = "yes or no",
};

static bool parse_value(struct conf *c, const struct conf_key *k,
			const char *v)
{
	void *p = (char *)c + k->off;

	switch (k->type) {
	case V_PATH:
	case V_OPT_PATH:
		return parse_path(v, p, k->type == V_OPT_PATH);
	case V_ACTION:
		return parse_action(v, p);
	case V_SPACE:
		return parse_space(v, p);
	case V_SIZE:
		return parse_size(v, p);
	case V_COUNT:
		return parse_count(v, p, 0, COUNT_MAX);
	case V_BATCH:
		return parse_count(v, p, 1, READ_BATCH_MAX);
	case V_FLUSH:
		return parse_flush(c, v);
	case V_GROUP:
		return parse_group(v, p);
	case V_BOOL:
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return false;
		*(bool *)p = !strcmp(v, "yes");
		return true;
	case V_KAUDIT:
		for (size_t i = 0; i < ARRAY_SIZE(kaudit_names); i++)
			if (!strcmp(v, kaudit_names[i])) {
				*(enum conf_kaudit *)p = i;
				return true;
			}
		return false;
	}
	return false;
}

static char *trim(char *s)
{
	char *e = s + strlen(s);

	while (isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static void key_list(char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(keys) && used < len; i++)
		used += snprintf(out + used, len - used, "%s%s", i ? ", " : "",
				 keys[i].name);
}

static int set_key(struct conf *c, const char *key, const char *v,
		   uint64_t *seen, char *err, size_t errlen)
{
	char names[512];

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		if (strcmp(key, keys[i].name))
			continue;
		if (*seen & (1ULL << i)) {
			snprintf(err, errlen, "%s is set twice", key);
			return -1;
		}
		*seen |= 1ULL << i;
		if (!*v || !parse_value(c, &keys[i], v)) {
			snprintf(err, errlen, "%s = '%s': expected %s", key, v,
				 expected[keys[i].type]);
			return -1;
		}
		return 0;
	}
	key_list(names, sizeof(names));
	snprintf(err, errlen, "unknown key '%s'; the keys are %s", key, names);
	return -1;
}

bool conf_split(char *line, char **key, char **value)
{
	char *hash = strchr(line, '#'), *s, *eq;

	if (hash)
		*hash = '\0';
	s = trim(line);
	if (!*s)
		return false;
	eq = strchr(s, '=');
	*value = NULL;
	if (eq) {
		*eq = '\0';
		*value = trim(eq + 1);
	}
	*key = trim(s);
	return true;
}

int conf_line(struct conf *c, const char *line, uint64_t *seen, char *err,
	      size_t errlen)
{
	char *copy = strdup(line), *key, *v;
	int ret = 0;

	if (!copy)
		fatal("out of memory");
	if (conf_split(copy, &key, &v)) {
		if (!v) {
			snprintf(err, errlen, "'%s': expected KEY = VALUE", key);
			ret = -1;
		} else {
			ret = set_key(c, key, v, seen, err, errlen);
		}
	}
	free(copy);
	return ret;
}

static int space_check(const struct conf *c, char *err, size_t errlen)
{
	const struct conf_space *s = &c->space_left, *a = &c->admin_space_left;

	if (!!s->percent != !!a->percent)
		return 0;
	if (s->percent ? a->percent > s->percent : a->bytes > s->bytes) {
		snprintf(err, errlen, "admin_space_left is more than space_left: admin_space_left is the lower, later threshold");
		return -1;
	}
	return 0;
}

int conf_check(const struct conf *c, char *err, size_t errlen)
{
	if (c->num_logs == 1) {
		snprintf(err, errlen, "num_logs = 1 would remove every file but the one being written: use 0 (keep all) or at least 2");
		return -1;
	}
	return space_check(c, err, errlen);
}

int conf_read(const char *path, conf_line_fn fn, void *ctx)
{
	FILE *f = fopen(path, "re");
	char *line = NULL, err[1024];
	size_t cap = 0;
	unsigned int lineno = 0, errors = 0;

	if (!f) {
		log_warn("%s", path);
		return -1;
	}
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		if (fn(ctx, line, err, sizeof(err))) {
			log_warnx("%s:%u: %s", path, lineno, err);
			errors++;
		}
	}
	if (ferror(f)) {
		log_warn("%s", path);
		errors++;
	}
	free(line);
	fclose(f);
	return errors ? -1 : 0;
}

struct conf_loading {
	struct conf *c;
	uint64_t seen;
	bool sections;	/* past the first [section]: the outputs' part */
};

static int load_line(void *ctx, const char *line, char *err, size_t errlen)
{
	struct conf_loading *l = ctx;

	/* [output NAME] sections are read by outputs_conf_load() */
	if (l->sections || line[strspn(line, " \t")] == '[') {
		l->sections = true;
		return 0;
	}
	return conf_line(l->c, line, &l->seen, err, errlen);
}

int conf_load(struct conf *c, const char *path)
{
	struct conf_loading l = { .c = c };
	char err[1024];

	conf_init(c);
	if (conf_read(path, load_line, &l))
		return -1;
	if (conf_check(c, err, sizeof(err))) {
		log_warnx("%s: %s", path, err);
		return -1;
	}
	return 0;
}

int conf_load_default(struct conf *c)
{
	if (access(CONF_PATH, F_OK) && errno == ENOENT) {
		conf_init(c);
		return 0;
	}
	return conf_load(c, CONF_PATH);
}
