// SPDX-License-Identifier: GPL-2.0
/* The detector's settings: defaults, KEY=VALUE, files of them (detect.h). */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array_size.h"
#include "conf.h"
#include "detect.h"
#include "log.h"

static const char *const type_names[] = {
	[DET_OPEN] = "open", [DET_CREATE] = "create",
	[DET_DELETE] = "delete", [DET_ENC] = "enc",
	[DET_RENAME] = "rename", [DET_EXEC] = "exec",
};

static const char *const sev_names[] = {
	[DET_OK] = "OK", [DET_MIN] = "MIN", [DET_MAJ] = "MAJ",
};

const char *det_type_name(enum det_type t)
{
	return t < ARRAY_SIZE(type_names) ? type_names[t] : "?";
}

const char *det_sev_name(enum det_sev s)
{
	return s < ARRAY_SIZE(sev_names) ? sev_names[s] : "?";
}

/* The defaults, as doc/detect.md documents them. */
void det_config_default(struct det_config *c)
{
	*c = (struct det_config){
		.window_ms = 1000,
		.threshold = {
			[DET_OPEN] = 100, [DET_CREATE] = 50,
			[DET_DELETE] = 50, [DET_ENC] = 50,
		},
		.seq_window_ms = 10000,
		.match_window_ms = 10000,
		.match_major = 10,
		.enc_window_ms = 10000,
		.patterns = DET_PAT_ALL,
		.relation = DET_REL_DIR,
		.max_procs = 4096,
		.idle_ms = 300000,
		.reorder_ms = 500,
		.reorder_max = 2048,
	};
}

void det_config_free(struct det_config *c)
{
	for (size_t i = 0; i < c->nignore; i++)
		free(c->ignore[i]);
	free(c->ignore);
	c->ignore = NULL;
	c->nignore = 0;
}

static bool parse_uint(const char *v, uint32_t min, uint32_t max,
		       uint32_t *out)
{
	unsigned long n;
	char *end;

	if (!isdigit((unsigned char)*v))
		return false;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || *end || n < min || n > max)
		return false;
	*out = n;
	return true;
}

static bool parse_patterns(const char *v, uint32_t *out)
{
	static const struct { const char *name; uint32_t bit; } pats[] = {
		{ "copy-delete", DET_PAT_COPY_DELETE },
		{ "rename-over", DET_PAT_RENAME_OVER },
		{ "rename-away", DET_PAT_RENAME_AWAY },
	};
	char *copy = strdup(v), *save = NULL;
	bool ok = true;

	if (!copy)
		fatal("out of memory");
	*out = 0;
	if (strcmp(v, "none")) {
		for (char *w = strtok_r(copy, ",", &save); w && ok;
		     w = strtok_r(NULL, ",", &save)) {
			size_t i;

			for (i = 0; i < ARRAY_SIZE(pats); i++)
				if (!strcmp(w, pats[i].name))
					break;
			ok = i < ARRAY_SIZE(pats);
			if (ok)
				*out |= pats[i].bit;
		}
	}
	free(copy);
	return ok;
}

static bool parse_relation(const char *v, enum det_relation *out)
{
	if (!strcmp(v, "dir"))
		*out = DET_REL_DIR;
	else if (!strcmp(v, "name"))
		*out = DET_REL_NAME;
	else if (!strcmp(v, "any"))
		*out = DET_REL_ANY;
	else
		return false;
	return true;
}

static void add_ignore(struct det_config *c, const char *v)
{
	c->ignore = realloc(c->ignore, (c->nignore + 1) * sizeof(*c->ignore));
	if (!c->ignore || !(c->ignore[c->nignore++] = strdup(v)))
		fatal("out of memory");
}

#define DAY_MS	86400000U

/* The numeric settings: name, where, bounds. */
static uint32_t *number_of(struct det_config *c, const char *key,
			   uint32_t *min, uint32_t *max)
{
	static const struct {
		const char *key;
		size_t off;
		uint32_t min, max;
	} nums[] = {
#define N(k, f, lo, hi) { k, offsetof(struct det_config, f), lo, hi }
		N("window_ms", window_ms, 10, DAY_MS),
		N("threshold.open", threshold[DET_OPEN], 0, 1000000),
		N("threshold.create", threshold[DET_CREATE], 0, 1000000),
		N("threshold.delete", threshold[DET_DELETE], 0, 1000000),
		N("threshold.enc", threshold[DET_ENC], 0, 1000000),
		N("seq_window_ms", seq_window_ms, 1, DAY_MS),
		N("match_window_ms", match_window_ms, 10, DAY_MS),
		N("match_major", match_major, 0, 1000000),
		N("enc_window_ms", enc_window_ms, 0, DAY_MS),
		/* 736 bytes each, touched at start: 736 MiB at most */
		N("max_procs", max_procs, 1, 1 << 20),
		N("idle_ms", idle_ms, 1000, DAY_MS),
		N("reorder_ms", reorder_ms, 0, 60000),
		N("reorder_max", reorder_max, 1, 1 << 20),
#undef N
	};

	for (size_t i = 0; i < ARRAY_SIZE(nums); i++) {
		if (strcmp(key, nums[i].key))
			continue;
		*min = nums[i].min;
		*max = nums[i].max;
		return (uint32_t *)((char *)c + nums[i].off);
	}
	return NULL;
}

/* @v NULL: the '=' is missing. */
static bool det_config_setkv(struct det_config *c, const char *key,
			     const char *v, char *err, size_t errlen)
{
	uint32_t *num, min, max;

	if (!v)
		return log_errmsg(err, errlen, "'%s': expected KEY=VALUE", key);
	num = number_of(c, key, &min, &max);
	if (num) {
		if (!parse_uint(v, min, max, num))
			return log_errmsg(err, errlen, "'%s=%s': expected a number from %u to %u",
					  key, v, min, max);
		return true;
	}
	if (!strcmp(key, "patterns")) {
		if (!parse_patterns(v, &c->patterns))
			return log_errmsg(err, errlen, "'%s=%s': expected none, or copy-delete, rename-over, rename-away separated by commas",
					  key, v);
		return true;
	}
	if (!strcmp(key, "relation")) {
		if (!parse_relation(v, &c->relation))
			return log_errmsg(err, errlen, "'%s=%s': expected dir, name or any",
					  key, v);
		return true;
	}
	if (!strcmp(key, "ignore")) {
		if (v[0] != '/')
			return log_errmsg(err, errlen, "'%s=%s': expected an executable's absolute path",
					  key, v);
		add_ignore(c, v);
		return true;
	}
	return log_errmsg(err, errlen, "'%s': unknown setting (see `c2audit detect --help`)",
			  key);
}

bool det_config_set(struct det_config *c, const char *kv, char *err,
		    size_t errlen)
{
	char *copy = strdup(kv), *eq;
	bool ok;

	if (!copy)
		fatal("out of memory");
	eq = strchr(copy, '=');
	if (eq)
		*eq = '\0';
	ok = det_config_setkv(c, copy, eq ? eq + 1 : NULL, err, errlen);
	free(copy);
	return ok;
}

static int config_line(void *ctx, const char *line, char *err, size_t errlen)
{
	char *copy = strdup(line), *key, *value;
	int ret = 0;

	if (!copy)
		fatal("out of memory");
	if (conf_split(copy, &key, &value) &&
	    !det_config_setkv(ctx, key, value, err, errlen))
		ret = -1;
	free(copy);
	return ret;
}

int det_config_load(struct det_config *c, const char *path)
{
	return conf_read(path, config_line, c);
}
