// SPDX-License-Identifier: GPL-2.0
/* The rules file's grammar (rules.h): parsing and printing, round trip. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array_size.h"
#include "conditions.h"
#include "log.h"
#include "record.h"
#include "rules.h"
#include "settings.h"
#include "uprobes.h"

#define UNSET_ID	4294967295U

/*
 * Classes of syscalls, after systemd's groups: a range of the sysids first
 * listed, and the members appended to the list since (ids are ABI, so a
 * new call joins its class here, not by place), 0-ended.
 */
static const unsigned short file_more[] = {
	C2A_SYS_open_by_handle_at, C2A_SYS_name_to_handle_at,
	C2A_SYS_fchmodat2, C2A_SYS_fsopen, C2A_SYS_fsconfig,
	C2A_SYS_fsmount, C2A_SYS_move_mount, C2A_SYS_open_tree,
	C2A_SYS_mount_setattr, 0
};
/* Signals and another task's memory, like kill and ptrace; namespaces. */
static const unsigned short process_more[] = {
	C2A_SYS_pidfd_send_signal, C2A_SYS_rt_sigqueueinfo,
	C2A_SYS_rt_tgsigqueueinfo, C2A_SYS_process_vm_writev,
	C2A_SYS_setns, C2A_SYS_unshare, 0
};
static const unsigned short system_more[] = {
	C2A_SYS_clock_adjtime, C2A_SYS_stime, C2A_SYS_kexec_load,
	C2A_SYS_kexec_file_load, 0
};

static const struct {
	const char *name;
	unsigned int first, last;	/* sysids, inclusive */
	const unsigned short *more;
} classes[] = {
	{ "@file", C2A_SYS_open, C2A_SYS_pivot_root, file_more },
	{ "@process", C2A_SYS_execve, C2A_SYS_ptrace, process_more },
	{ "@identity", C2A_SYS_setuid, C2A_SYS_capset, NULL },
	{ "@network", C2A_SYS_socket, C2A_SYS_accept4, NULL },
	/* swapon and swapoff, appended, fell in its range */
	{ "@system", C2A_SYS_init_module, C2A_SYS_io_uring_setup, system_more },
};

static const char *const arch_words[] = {
	[C2A_ARCH_X86_64] = "x86_64",
	[C2A_ARCH_I386] = "i386",
	[C2A_ARCH_IO_URING] = "io_uring",
	[C2A_ARCH_X32] = "x32",
	[C2A_ARCH_KERNEL] = "kernel",
};

const char *arch_word(unsigned int arch)
{
	return arch < ARRAY_SIZE(arch_words) ? arch_words[arch] : NULL;
}

static void set_sys(struct c2a_rule *r, unsigned int sysid)
{
	r->syscalls[sysid / 64] |= 1ULL << (sysid % 64);
}

static bool parse_syscalls(struct c2a_rule *r, char *v, char *err, size_t len)
{
	char *save = NULL;

	for (char *name = strtok_r(v, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		int sysid = sys_lookup(name);
		size_t i;

		if (sysid > 0) {
			set_sys(r, sysid);
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(classes); i++)
			if (!strcmp(name, classes[i].name))
				break;
		if (i == ARRAY_SIZE(classes))
			return log_errmsg(err, len, "'%s' is not an audited syscall or class (@file, @process, @identity, @network, @system)",
				    name);
		for (unsigned int s = classes[i].first; s <= classes[i].last; s++)
			set_sys(r, s);
		for (const unsigned short *s = classes[i].more; s && *s; s++)
			set_sys(r, *s);
	}
	return true;
}

#define LSM_ALL		(((1u << C2A_LSM_COUNT) - 1) & ~1u)

static bool parse_lsm(struct c2a_rule *r, char *v, char *err, size_t len)
{
	char *save = NULL;

	for (char *name = strtok_r(v, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		int hook = lsm_hook_lookup(name);

		if (!strcmp(name, "@all"))
			r->lsm_hooks |= LSM_ALL;
		else if (hook > 0)
			r->lsm_hooks |= 1u << hook;
		else
			return log_errmsg(err, len, "'%s' is not an LSM hook (see `c2audit rules --help`, or @all)",
				    name);
	}
	return true;
}

static bool parse_arches(struct c2a_rule *r, char *v, char *err, size_t len)
{
	char *save = NULL;

	for (char *a = strtok_r(v, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
		unsigned int i;

		for (i = 1; i < ARRAY_SIZE(arch_words); i++)
			if (!strcmp(a, arch_words[i]))
				break;
		if (i == ARRAY_SIZE(arch_words))
			return log_errmsg(err, len, "'%s' is not an arch (x86_64, i386, x32, io_uring)",
				    a);
		r->arches |= 1U << i;
	}
	return true;
}

static bool parse_number(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return !errno && !*end && *out <= max;
}

bool id_parse(const char *name, const char *s, unsigned int *id)
{
	unsigned long n;

	if (parse_number(s, UNSET_ID, &n)) {
		*id = n;
		return true;
	}
	if (!strcmp(name, "auid") && !strcmp(s, "unset")) {
		*id = UNSET_ID;
		return true;
	}
	if (strstr(name, "gid")) {
		struct group *g = getgrnam(s);

		if (g)
			*id = g->gr_gid;
		return g != NULL;
	}
	struct passwd *p = getpwnam(s);

	if (p)
		*id = p->pw_uid;
	return p != NULL;
}

static bool parse_ids(const char *name, bool negate, char *v,
		      struct c2a_idmatch *m, char *err, size_t len)
{
	char *dash = strchr(v, '-');

	if (m->op)
		return log_errmsg(err, len, "'%s' is given twice", name);
	m->op = negate ? C2A_IDOP_OUT : C2A_IDOP_IN;
	if (dash)
		*dash = '\0';
	if (!id_parse(name, v, &m->lo) ||
	    !id_parse(name, dash ? dash + 1 : v, &m->hi))
		return log_errmsg(err, len, "'%s=%s%s%s': expected a number, a range N-M, a %s name%s",
			    name, v, dash ? "-" : "", dash ? dash + 1 : "",
			    strstr(name, "gid") ? "group" : "user",
			    strcmp(name, "auid") ? "" : " or unset");
	if (m->lo > m->hi)
		return log_errmsg(err, len, "'%s': the range %u-%u is empty", name,
			    m->lo, m->hi);
	return true;
}

/* Keys: words of A-Za-z0-9-_.:/, several separated by ','. */
bool rule_valid_key(const char *k)
{
	size_t n = strlen(k);

	if (!n || n >= C2A_KEY_LEN || k[0] == ',' || k[n - 1] == ',' ||
	    strstr(k, ",,"))
		return false;
	for (; *k; k++)
		if (!isalnum((unsigned char)*k) && !strchr("-_.:/,", *k))
			return false;
	return true;
}

static bool parse_path(const char *name, const char *v, char **out,
		       char *err, size_t len)
{
	size_t n = strlen(v);

	if (*out)
		return log_errmsg(err, len, "'%s' is given twice", name);
	if (v[0] != '/' || n >= PATH_MAX)
		return log_errmsg(err, len, "'%s=%s': expected an absolute path", name, v);
	*out = strdup(v);
	if (!*out)
		fatal("out of memory");
	/* path=/etc/ and path=/etc mean the same */
	while (n > 1 && (*out)[n - 1] == '/')
		(*out)[--n] = '\0';
	return true;
}

static bool parse_pid(const char *name, const char *v, __s32 *out, char *err,
		      size_t len)
{
	unsigned long n;

	if (*out)
		return log_errmsg(err, len, "'%s' is given twice", name);
	if (!parse_number(v, INT_MAX, &n) || !n)
		return log_errmsg(err, len, "'%s=%s': expected a process id", name, v);
	*out = n;
	return true;
}

static bool parse_condition(struct rule *rule, char *word, char *err,
			    size_t len)
{
	struct c2a_rule *r = &rule->r;
	char *eq, *v;
	bool negate = false;
	int idf;

	if (word[0] == 'a' && word[1] >= '0' && word[1] <= '3' &&
	    strchr("=!<>&", word[2]))
		return cond_parse_arg(r, word, err, len);
	eq = strchr(word, '=');
	if (!eq || eq == word)
		return log_errmsg(err, len, "'%s': expected NAME=VALUE", word);
	v = eq + 1;
	if (eq[-1] == '!') {
		negate = true;
		eq--;
	}
	*eq = '\0';
	idf = cond_id_field(word);
	if (negate && !idf && strcmp(word, "exit"))
		return log_errmsg(err, len, "'%s!=': only the ids and exit take !=",
			    word);
	if (!*v)
		return log_errmsg(err, len, "'%s=': no value", word);
	if (!strcmp(word, "syscall"))
		return parse_syscalls(r, v, err, len);
	if (!strcmp(word, "arch"))
		return parse_arches(r, v, err, len);
	if (!strcmp(word, "lsm"))
		return parse_lsm(r, v, err, len);
	if (!strcmp(word, "success")) {
		if (r->outcome)
			return log_errmsg(err, len, "'success' is given twice");
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return log_errmsg(err, len, "'success=%s': expected yes or no", v);
		r->outcome = !strcmp(v, "yes") ? C2A_OUTCOME_SUCCESS :
						 C2A_OUTCOME_FAILURE;
		return true;
	}
	if (idf)
		return parse_ids(word, negate, v, cond_idmatch(r, idf), err, len);
	if (!strcmp(word, "cmp"))
		return cond_parse_cmp(r, v, err, len);
	if (!strcmp(word, "exit"))
		return cond_parse_exit(r, negate, v, err, len);
	if (!strcmp(word, "perm"))
		return cond_parse_perm(r, v, err, len);
	if (!strcmp(word, "i386"))
		return cond_parse_i386(r, v, err, len);
	if (!strcmp(word, "file")) {
		if (rule->path)
			return log_errmsg(err, len, "'file' and 'path' do not go together");
		r->rflags |= C2A_RULEF_PATH_EXACT;
		return parse_path(word, v, &rule->path, err, len);
	}
	if (!strcmp(word, "pid"))
		return parse_pid(word, v, &r->pid, err, len);
	if (!strcmp(word, "ppid"))
		return parse_pid(word, v, &r->ppid, err, len);
	if (!strcmp(word, "exe"))
		return parse_path(word, v, &rule->exe, err, len);
	if (!strcmp(word, "path"))
		return parse_path(word, v, &rule->path, err, len);
	if (!strcmp(word, "key")) {
		if (r->key[0])
			return log_errmsg(err, len, "'key' is given twice");
		if (!rule_valid_key(v))
			return log_errmsg(err, len, "'key=%s': expected 1 to 31 of A-Z a-z 0-9 - _ . : / (',' between keys)",
				    v);
		strcpy(r->key, v);
		return true;
	}
	return log_errmsg(err, len, "'%s': not a condition (syscall, lsm, arch, success, exit, uid, euid, suid, fsuid, auid, gid, egid, sgid, fsgid, cmp, pid, ppid, a0..a3, perm, exe, path, file, i386, key)",
		    word);
}

/* A rule selects syscalls or LSM hooks, not both. */
static bool lsm_rule_consistent(const struct rule *rule)
{
	const struct c2a_rule *r = &rule->r;

	if (!r->lsm_hooks)
		return true;
	for (int i = 0; i < C2A_SYSID_WORDS; i++)
		if (r->syscalls[i])
			return false;
	for (int i = 0; i < C2A_RULE_ARGS; i++)
		if (r->args[i].op)
			return false;
	return !r->arches && !rule->exe && !rule->path && !r->perm &&
	       !r->exit_op && !r->rflags;
}

void rule_free(struct rule *r)
{
	free(r->exe);
	free(r->path);
	r->exe = r->path = NULL;
}

int rule_parse_words(char **words, int n, struct rule *out, char *err,
		     size_t errlen)
{
	memset(out, 0, sizeof(*out));
	out->r.size = sizeof(out->r);
	if (!strcmp(words[0], "audit")) {
		out->r.action = C2A_ACT_AUDIT;
	} else if (!strcmp(words[0], "exclude")) {
		out->r.action = C2A_ACT_EXCLUDE;
	} else {
		log_errmsg(err, errlen, "'%s': expected audit or exclude", words[0]);
		return -1;
	}
	for (int i = 1; i < n; i++) {
		if (!parse_condition(out, words[i], err, errlen)) {
			rule_free(out);
			return -1;
		}
	}
	if (!lsm_rule_consistent(out)) {
		log_errmsg(err, errlen, "lsm= selects hook events only: syscall=, arch=, i386=, exe=, path=, file=, exit=, perm= and a0..a3 do not go with it");
		rule_free(out);
		return -1;
	}
	return 1;
}

/*
 * Splits a line into words at blanks, up to a '#'. A word may be quoted
 * with "..." (\" and \\ inside), for values with blanks. In place.
 */
int rule_split_words(char *line, char **words, int max, char *err,
		     size_t len)
{
	char *p = line, *w;
	int n = 0;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max) {
			log_errmsg(err, len, "more than %d words", max);
			return -1;
		}
		words[n++] = w = p;
		while (*p && !isspace((unsigned char)*p) && *p != '#') {
			if (*p != '"') {
				*w++ = *p++;
				continue;
			}
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				*w++ = *p;
			}
			if (*p != '"') {
				log_errmsg(err, len, "a quote is not closed");
				return -1;
			}
			p++;
		}
		if (*p)
			p++;
		*w = '\0';
	}
}

int rule_parse_line(const char *line, struct rule *out, char *err,
		    size_t errlen)
{
	char *copy = strdup(line), *words[RULE_MAX_WORDS];
	int n, ret;

	if (!copy)
		fatal("out of memory");
	n = rule_split_words(copy, words, RULE_MAX_WORDS, err, errlen);
	ret = n <= 0 ? n : rule_parse_words(words, n, out, err, errlen);
	free(copy);
	return ret;
}

void ruleset_add_setting(struct ruleset *rs, const char *kv)
{
	rs->settings = realloc(rs->settings, (rs->nsettings + 1) * sizeof(char *));
	if (!rs->settings || !(rs->settings[rs->nsettings++] = strdup(kv)))
		fatal("out of memory");
}

bool ruleset_directive(struct ruleset *rs, char **words, int n, char *err,
		       size_t len)
{
	struct settings scratch = { 0 };
	struct rule r;

	if (!strcmp(words[0], "lock")) {
		if (n > 1)
			return log_errmsg(err, len, "'lock' takes no arguments");
		rs->lock = true;
		return true;
	}
	if (!strcmp(words[0], "set")) {
		if (n == 1)
			return log_errmsg(err, len, "'set' needs KEY=VALUE");
		for (int i = 1; i < n; i++) {
			if (!settings_check(&scratch, words[i], err, len))
				return false;
			ruleset_add_setting(rs, words[i]);
		}
		return true;
	}
	if (rs->lock)
		return log_errmsg(err, len, "no rule may follow 'lock'");
	if (!strcmp(words[0], "uprobe"))
		return uprobe_parse(&rs->uprobes, words + 1, n - 1, err, len);
	if (strcmp(words[0], "audit") && strcmp(words[0], "exclude"))
		return log_errmsg(err, len, "'%s': expected audit, exclude, uprobe, set or lock",
			    words[0]);
	if (rs->count == C2A_RULES_MAX)
		return log_errmsg(err, len, "more than %d rules", C2A_RULES_MAX);
	if (rule_parse_words(words, n, &r, err, len) < 0)
		return false;
	ruleset_add_rule(rs, &r, false);
	return true;
}

/* Takes @r's strings; first with @front (auditctl's -A), else last. */
void ruleset_add_rule(struct ruleset *rs, struct rule *r, bool front)
{
	rs->rules = realloc(rs->rules, (rs->count + 1) * sizeof(*rs->rules));
	if (!rs->rules)
		fatal("out of memory");
	if (front)
		memmove(rs->rules + 1, rs->rules, rs->count * sizeof(*rs->rules));
	rs->rules[front ? 0 : rs->count] = *r;
	rs->count++;
}

void ruleset_drop_rules(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->count; i++)
		rule_free(&rs->rules[i]);
	rs->count = 0;
}

void ruleset_free(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->count; i++)
		rule_free(&rs->rules[i]);
	for (size_t i = 0; i < rs->nsettings; i++)
		free(rs->settings[i]);
	free(rs->rules);
	free(rs->settings);
	uprobe_set_free(&rs->uprobes);
	memset(rs, 0, sizeof(*rs));
}

/*
 * Whether @v must be quoted to be one word: split_words() ends a word at
 * any isspace() byte (form feed and vertical tab too) and at '#'.
 */
static bool needs_quotes(const char *v)
{
	for (; *v; v++)
		if (isspace((unsigned char)*v) || strchr("#\"\\", *v))
			return true;
	return false;
}

/* A value as a word of the grammar: quoted when it needs to be. */
void rule_put_value(struct buf *out, const char *v)
{
	if (!needs_quotes(v)) {
		buf_adds(out, v);
		return;
	}
	buf_addc(out, '"');
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			buf_addc(out, '\\');
		buf_addc(out, *v);
	}
	buf_addc(out, '"');
}

static void put_ids(struct buf *out, const char *name,
		    const struct c2a_idmatch *m)
{
	if (!m->op)
		return;
	buf_printf(out, " %s%s=", name, m->op == C2A_IDOP_OUT ? "!" : "");
	if (m->lo == UNSET_ID && m->hi == UNSET_ID)
		buf_adds(out, "unset");
	else if (m->lo == m->hi)
		buf_printf(out, "%u", m->lo);
	else
		buf_printf(out, "%u-%u", m->lo, m->hi);
}

void rule_format(const struct rule *rule, struct buf *out)
{
	const struct c2a_rule *r = &rule->r;
	const char *sep = " syscall=";

	buf_adds(out, r->action == C2A_ACT_EXCLUDE ? "exclude" : "audit");
	for (unsigned int s = 1; s < C2A_SYS_COUNT; s++) {
		if (!(r->syscalls[s / 64] & (1ULL << (s % 64))))
			continue;
		buf_printf(out, "%s%s", sep, sys_name(s));
		sep = ",";
	}
	sep = " lsm=";
	if (r->lsm_hooks == LSM_ALL)
		buf_adds(out, " lsm=@all");
	for (unsigned int h = 1; r->lsm_hooks != LSM_ALL && h < C2A_LSM_COUNT; h++) {
		if (!(r->lsm_hooks & (1u << h)))
			continue;
		buf_printf(out, "%s%s", sep, lsm_hook_name(h));
		sep = ",";
	}
	sep = " arch=";
	for (unsigned int a = 1; a < ARRAY_SIZE(arch_words); a++) {
		if (!(r->arches & (1U << a)))
			continue;
		buf_printf(out, "%s%s", sep, arch_words[a]);
		sep = ",";
	}
	if (r->outcome)
		buf_printf(out, " success=%s",
			   r->outcome == C2A_OUTCOME_SUCCESS ? "yes" : "no");
	for (unsigned int f = 1; f < C2A_ID_COUNT; f++)
		put_ids(out, cond_id_name(f),
			cond_idmatch((struct c2a_rule *)r, f));
	cond_format(r, out);
	if (r->pid)
		buf_printf(out, " pid=%d", r->pid);
	if (r->ppid)
		buf_printf(out, " ppid=%d", r->ppid);
	if (rule->exe) {
		buf_adds(out, " exe=");
		rule_put_value(out, rule->exe);
	}
	if (rule->path) {
		buf_adds(out, r->rflags & C2A_RULEF_PATH_EXACT ? " file=" :
			 " path=");
		rule_put_value(out, rule->path);
	}
	if (r->key[0])
		buf_printf(out, " key=%s", r->key);
}
