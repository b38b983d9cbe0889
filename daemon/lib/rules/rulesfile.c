// SPDX-License-Identifier: GPL-2.0
/*
 * Rules files and rules.d directories: native files, auditctl's files,
 * and a directory's *.rules merged in order as augenrules does.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "auditctl.h"
#include "buf.h"
#include "log.h"
#include "rules.h"

struct source {
	const char *path;
	const struct rules_opts *o;
	bool in_dir;
	bool auditctl;		/* decided by its first directive */
	bool decided;
	int errors;
};

/* What @line became, for `c2audit rules import`. */
static void echo(const struct source *s, const struct ruleset *rs,
		 size_t rules_before, bool front, size_t settings_before,
		 bool lock_before, const char *line, const char *refused)
{
	FILE *out = s->o->import;
	size_t added = rs->count - rules_before;
	size_t first = front ? 0 : rules_before;
	struct buf b = { 0 };

	if (s->auditctl)
		fprintf(out, "# %s", line);
	if (refused)
		fprintf(out, "# skipped: %s\n", refused);
	for (size_t i = settings_before; i < rs->nsettings; i++)
		fprintf(out, "set %s\n", rs->settings[i]);
	for (size_t i = first; i < first + added; i++) {
		buf_reset(&b);
		rule_format(&rs->rules[i], &b);
		fprintf(out, "%s\n", buf_cstr(&b));
	}
	if (rs->lock && !lock_before)
		fprintf(out, "lock\n");
	/* -b, -r 0, -D, an exclusion of calls c2audit never audits */
	if (s->auditctl && !refused && !added && rs->nsettings == settings_before &&
	    rs->lock == lock_before)
		fprintf(out, "# (nothing for c2audit to do)\n");
	buf_free(&b);
}

static bool front_words(char **words, int n)
{
	for (int i = 0; i < n; i++)
		if (!strncmp(words[i], "-A", 2))
			return true;
	return false;
}

static void parse_line(struct source *s, struct ruleset *rs, char *line,
		       int lineno)
{
	char err[512] = "", *copy = strdup(line), *words[RULE_MAX_WORDS];
	size_t rules_before = rs->count, settings_before = rs->nsettings;
	bool lock_before = rs->lock, front = false;
	const char *refused = NULL;
	int n, ret = 0;

	if (!copy)
		fatal("out of memory");
	n = rule_split_words(copy, words, RULE_MAX_WORDS, err, sizeof(err));
	if (n == 0)
		goto out;
	if (!s->decided && n > 0) {
		s->decided = true;
		s->auditctl = words[0][0] == '-';
	}
	if (n < 0) {
		ret = ACTL_ERROR;
	} else if (!s->auditctl) {
		ret = ruleset_directive(rs, words, n, err, sizeof(err)) ?
		      ACTL_OK : ACTL_ERROR;
	} else {
		front = front_words(words, n);
		ret = actl_parse_words(rs, words, n, s->in_dir, err, sizeof(err));
		if (!ret && lock_before && rs->count != rules_before) {
			log_errmsg(err, sizeof(err), "no rule may follow -e 2 (the lock)");
			ret = ACTL_ERROR;
		}
	}
	if (ret == ACTL_REFUSED && s->o->skip_unsupported) {
		log_warnx("%s:%d: skipped: %s", s->path, lineno, err);
		refused = err;
	} else if (ret) {
		log_warnx("%s:%d: %s%s", s->path, lineno,
			  ret == ACTL_REFUSED ? "refused: " : "", err);
		if (s->o->import)
			fprintf(s->o->import, "%s%s# %s: %s\n",
				s->auditctl ? "# " : "", s->auditctl ? line : "",
				ret == ACTL_REFUSED ? "refused" : "error", err);
		s->errors++;
		goto out;
	}
	if (s->o->import)
		echo(s, rs, rules_before, front, settings_before, lock_before,
		     line, refused);
out:
	free(copy);
}

static int load_file(const char *path, const struct rules_opts *o,
		     bool in_dir, struct ruleset *rs)
{
	struct source s = { .path = path, .o = o, .in_dir = in_dir };
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;

	if (!f) {
		log_warn("%s", path);
		return -1;
	}
	if (o->import)
		fprintf(o->import, "# from %s\n", path);
	while (getline(&line, &cap, f) >= 0)
		parse_line(&s, rs, line, ++lineno);
	free(line);
	if (ferror(f)) {
		log_warn("%s", path);
		s.errors++;
	}
	fclose(f);
	return s.errors ? -1 : 0;
}

static int by_version(const struct dirent **a, const struct dirent **b)
{
	return strverscmp((*a)->d_name, (*b)->d_name);
}

static int only_rules(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 6 &&
	       !strcmp(d->d_name + n - 6, ".rules");
}

/*
 * As augenrules: the *.rules files in version order, -D first (a rule
 * set replaces the one in force anyway), the last -e at the end.
 */
static int load_dir(const char *dir, const struct rules_opts *o,
		    struct ruleset *rs)
{
	struct dirent **names;
	int n = scandir(dir, &names, only_rules, by_version), ret = 0;
	bool lock = false;

	if (n < 0) {
		log_warn("%s", dir);
		return -1;
	}
	if (!n)
		log_warnx("%s: no *.rules file", dir);
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (load_file(path, o, true, rs))
			ret = -1;
		lock |= rs->lock;
		rs->lock = false;
		free(names[i]);
	}
	free(names);
	rs->lock = lock;
	return n ? ret : -1;
}

int ruleset_load(const char *path, const struct rules_opts *o,
		 struct ruleset *rs)
{
	static const struct rules_opts none;
	struct stat st;
	int ret;

	memset(rs, 0, sizeof(*rs));
	o = o ? o : &none;
	if (!stat(path, &st) && S_ISDIR(st.st_mode))
		ret = load_dir(path, o, rs);
	else
		ret = load_file(path, o, false, rs);
	if (ret)
		ruleset_free(rs);
	return ret;
}

int ruleset_parse_file(const char *path, struct ruleset *rs)
{
	return ruleset_load(path, NULL, rs);
}
