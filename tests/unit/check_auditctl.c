// SPDX-License-Identifier: GPL-2.0
/* auditctl's rules files: Debian's examples, line by line, and the translation. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auditctl.h"
#include "rules.h"
#include "suites.h"

#define EXAMPLES "/usr/share/doc/auditd/examples/rules"

/*
 * Every line of Debian's examples that does not load, and why: the table
 * of doc/rules.md. A line may depend on the host (a user that exists or
 * not, the kernel's config): then each reason it may give is listed, and
 * "" when it may load.
 */
static const struct {
	const char *file;
	int line;
	const char *why;	/* '|' between the reasons it may give */
} refusals[] = {
	{ "10-base-config.rules", 9, "HZ is unknown|" },
	{ "10-no-audit.rules", 8, "the task list" },
	{ "11-loginuid.rules", 2, "--loginuid-immutable" },
	{ "12-cont-fail.rules", 7, "-c: auditctl's going on past errors" },
	{ "12-ignore-error.rules", 7, "-i: auditctl's going on past errors" },
	{ "21-no32bit.rules", 5, "-S all (or no -S) is every call" },
	{ "22-ignore-chrony.rules", 2, "unknown user|subj_type" },
	{ "22-ignore-chrony.rules", 3, "unknown user|subj_type" },
	{ "23-ignore-filesystems.rules", 7, "the filesystem list" },
	{ "23-ignore-filesystems.rules", 8, "the filesystem list" },
	{ "30-nispom.rules", 56, "does not hook close" },
	{ "30-nispom.rules", 57, "does not hook close" },
	{ "30-nispom.rules", 93, "perm r: Linux's read class" },
	{ "30-ospp-v42.rules", 66, "perm r: Linux's read class" },
	{ "30-pci-dss-v31.rules", 33, "perm r: Linux's read class" },
	{ "32-power-abuse.rules", 3, "not with the object's owner" },
	{ "70-einval.rules", 6, "-S all (or no -S) is every call" },
};

static const char *expected(const char *file, int line)
{
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (!strcmp(refusals[i].file, file) && refusals[i].line == line)
			return refusals[i].why;
	return NULL;
}

static bool reason_matches(const char *why, const char *err, int ret)
{
	char copy[256], *save = NULL;

	snprintf(copy, sizeof(copy), "%s", why);
	if (ret == ACTL_OK)
		return why[strlen(why) - 1] == '|';
	for (char *w = strtok_r(copy, "|", &save); w; w = strtok_r(NULL, "|", &save))
		if (strstr(err, w))
			return true;
	return false;
}

/* One line alone, as the loader gives it: 0 when it loads. */
static int line_alone(char *line, char *err, size_t len, size_t *made)
{
	char *words[RULE_MAX_WORDS];
	struct ruleset rs = { 0 };
	int n = rule_split_words(line, words, RULE_MAX_WORDS, err, len), ret;

	if (n <= 0)
		return -1;
	ret = actl_parse_words(&rs, words, n, false, err, len);
	*made = rs.count + rs.nsettings + rs.lock;
	ruleset_free(&rs);
	return ret;
}

START_TEST(every_example_line_loads_or_is_refused_as_documented)
{
	struct dirent **names;
	int n = scandir(EXAMPLES, &names, NULL, alphasort), seen = 0, lines = 0;

	ck_assert_msg(n > 0, EXAMPLES ": %s (tools/install-deps check installs auditd)",
		      strerror(errno));
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t nl = strlen(name);
		char path[512], *line = NULL;
		size_t cap = 0;
		int lineno = 0;
		FILE *f;

		if (nl < 7 || strcmp(name + nl - 6, ".rules")) {
			free(names[i]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", EXAMPLES, name);
		f = fopen(path, "r");
		ck_assert_msg(f, "%s: %s", path, strerror(errno));
		while (getline(&line, &cap, f) >= 0) {
			const char *why = expected(name, ++lineno);
			char err[512] = "", copy[4096];
			size_t made = 0;
			int ret;

			snprintf(copy, sizeof(copy), "%s", line);
			ret = line_alone(copy, err, sizeof(err), &made);
			if (ret < 0)
				continue;	/* blank or comment */
			lines++;
			if (!why) {
				ck_assert_msg(ret == ACTL_OK, "%s:%d: %s", name, lineno, err);
				/*
				 * -D and -b set nothing here, nor an exclusion of
				 * calls c2audit never audits; everything else does
				 */
				ck_assert_msg(made || strstr(line, "-D") ||
					      strstr(line, "-b ") || strstr(line, "never,"),
					      "%s:%d: made nothing", name, lineno);
				continue;
			}
			seen++;
			ck_assert_msg(reason_matches(why, err, ret),
				      "%s:%d: '%s' is not the documented '%s'", name,
				      lineno, ret ? err : "(loaded)", why);
		}
		free(line);
		fclose(f);
		free(names[i]);
	}
	free(names);
	ck_assert_msg(lines > 200, "only %d rule lines in " EXAMPLES, lines);
	ck_assert_int_eq(seen, sizeof(refusals) / sizeof(refusals[0]));
}
END_TEST

static char *tmpfile_with(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	strcpy(path, "/tmp/c2a-actl-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static const char *fmt(const struct rule *r)
{
	static struct buf b;

	buf_reset(&b);
	rule_format(r, &b);
	return buf_cstr(&b);
}

/* Loads @text as a file; the rules' text, one a line. */
static const char *load(const char *text, bool skip, int *ret, struct ruleset *out)
{
	static struct buf all;
	struct rules_opts o = { .skip_unsupported = skip };
	char *path = tmpfile_with(text);
	struct ruleset rs;

	buf_reset(&all);
	*ret = ruleset_load(path, &o, &rs);
	unlink(path);
	for (size_t i = 0; !*ret && i < rs.count; i++) {
		buf_adds(&all, fmt(&rs.rules[i]));
		buf_adds(&all, "\n");
	}
	if (out && !*ret)
		*out = rs;
	else if (!*ret)
		ruleset_free(&rs);
	return buf_cstr(&all);
}

START_TEST(stig_lines_translate_exactly)
{
	int ret;
	const char *t = load(
		"-a always,exit -F arch=b64 -S open,creat -F exit=-EACCES -F auid>=1000 -F auid!=unset -k access\n"
		"-a always,exit -F arch=b32 -S chown -F key=a -k b\n"
		"-a always,exit -F arch=b64 -S execve -C uid!=euid -F euid=0 -F key=setuid\n"
		"-a always,exit -F arch=b64 -S openat -F a2&0100 -F success=0\n"
		"-w /etc/passwd -p wa -k identity\n", false, &ret, NULL);

	ck_assert_int_eq(ret, 0);
	ck_assert_str_eq(t,
		"audit syscall=open,creat arch=x86_64 auid=1000-4294967294 exit=-EACCES key=access\n"
		/* chown is i386's 16-bit call (182), not chown32 */
		"audit syscall=chown arch=i386 i386=chown key=a,b\n"
		"audit syscall=execve arch=x86_64 euid=0 cmp=uid!=euid key=setuid\n"
		"audit syscall=openat arch=x86_64 success=no a2&0x40\n"
		"audit syscall=open,openat,openat2,creat,truncate,ftruncate,unlink,unlinkat,rename,renameat,renameat2,link,linkat,symlink,symlinkat,mkdir,mkdirat,rmdir,mknod,mknodat,chmod,fchmod,fchmodat,chown,fchown,lchown,fchownat,setxattr,lsetxattr,fsetxattr,removexattr,lremovexattr,fremovexattr,bind,swapon,fchmodat2 arch=x86_64,i386 perm=wa file=/etc/passwd key=identity\n");
}
END_TEST

/* What is printed parses back to the same rule. */
START_TEST(translations_round_trip)
{
	struct ruleset rs;
	int ret;

	load("-a always,exit -F arch=b32 -S setresuid,chown32 -F a0!=0 -F exit!=-EPERM -F uid<500 -F fsgid>=7\n"
	     "-a never,exit -F arch=b64 -S mount -F pid=1 -F ppid=2 -F exe=/bin/x -F dir=/tmp -F suid=3\n",
	     false, &ret, &rs);
	ck_assert_int_eq(ret, 0);
	ck_assert_int_eq(rs.count, 2);
	for (size_t i = 0; i < rs.count; i++) {
		struct rule back;
		char err[512] = "";
		char *text = strdup(fmt(&rs.rules[i]));

		ck_assert_msg(rule_parse_line(text, &back, err, sizeof(err)) == 1,
			      "'%s': %s", text, err);
		ck_assert_str_eq(fmt(&back), text);
		ck_assert_mem_eq(&back.r, &rs.rules[i].r, sizeof(back.r));
		rule_free(&back);
		free(text);
	}
	ruleset_free(&rs);
}
END_TEST

START_TEST(ids_and_results_combine_or_are_refused)
{
	int ret;
	const char *t;

	t = load("-a always,exit -F arch=b64 -S open -F uid>5 -F uid<=9 -F exit=-EPERM -F exit!=-EACCES\n",
		 false, &ret, NULL);
	ck_assert_int_eq(ret, 0);
	ck_assert_str_eq(t, "audit syscall=open arch=x86_64 uid=6-9 exit=-EPERM\n");
	t = load("-a always,exit -F arch=b64 -S open -F uid!=5 -F uid!=9\n", false, &ret, NULL);
	ck_assert_int_eq(ret, -1);
	t = load("-a always,exit -F arch=b64 -S open -F uid=5 -F uid=9\n", false, &ret, NULL);
	ck_assert_int_eq(ret, -1);
	(void)t;
}
END_TEST

START_TEST(refusals_fail_the_load_unless_skipped)
{
	struct ruleset rs;
	int ret;

	load("-a always,exit -F arch=b64 -S open -k x\n"
	     "-a always,exit -S all -k y\n", false, &ret, NULL);
	ck_assert_int_eq(ret, -1);
	load("-a always,exit -F arch=b64 -S open -k x\n"
	     "-a always,exit -S all -k y\n", true, &ret, &rs);
	ck_assert_int_eq(ret, 0);
	ck_assert_int_eq(rs.count, 1);
	ruleset_free(&rs);
	/* an error auditctl would make too is never skipped */
	load("-a always,exit -F arch=b64 -S nosuchcall\n", true, &ret, NULL);
	ck_assert_int_eq(ret, -1);
	load("-a always,exit -S open -F arch=b64\n", true, &ret, NULL);
	ck_assert_int_eq(ret, -1);
}
END_TEST

START_TEST(settings_order_and_lock)
{
	struct ruleset rs;
	int ret;
	const char *t = load("-a always,exit -F arch=b64 -S open -k gone\n"
			     "-D\n-b 8192\n-f 2\n-r 0\n"
			     "-a always,exit -F arch=b64 -S mount -k second\n"
			     "-A always,exit -F arch=b64 -S umount2 -k first\n"
			     "-e 2\n", false, &ret, &rs);

	ck_assert_int_eq(ret, 0);
	ck_assert_str_eq(t, "audit syscall=umount2 arch=x86_64 key=first\n"
			    "audit syscall=mount arch=x86_64 key=second\n");
	ck_assert(rs.lock);
	ck_assert_int_eq(rs.nsettings, 1);
	ck_assert_str_eq(rs.settings[0], "failure=panic");
	ruleset_free(&rs);
	load("-e 2\n-a always,exit -F arch=b64 -S open\n", false, &ret, NULL);
	ck_assert_int_eq(ret, -1);
	load("-r 100\n", false, &ret, NULL);
	ck_assert_int_eq(ret, -1);
}
END_TEST

/* A rules.d: *.rules in version order, one syntax each, the lock last. */
START_TEST(a_directory_merges_in_order)
{
	char dir[] = "/tmp/c2a-rulesd-XXXXXX", path[128];
	const char *files[][2] = {
		{ "10-a.rules", "-a always,exit -F arch=b64 -S mount -k one\n-e 2\n" },
		{ "9-b.rules", "audit syscall=open key=zero\n" },
		{ "20-c.rules", "-D\n-a always,exit -F arch=b64 -S umount2 -k two\n" },
		{ "30-d.conf", "not rules at all\n" },
	};
	struct buf all = { 0 };
	struct ruleset rs;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (size_t i = 0; i < 4; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		f = fopen(path, "w");
		fputs(files[i][1], f);
		fclose(f);
	}
	ck_assert_int_eq(ruleset_load(dir, NULL, &rs), 0);
	for (size_t i = 0; i < rs.count; i++) {
		buf_adds(&all, fmt(&rs.rules[i]));
		buf_adds(&all, "\n");
	}
	ck_assert_str_eq(buf_cstr(&all), "audit syscall=open key=zero\n"
					 "audit syscall=mount arch=x86_64 key=one\n"
					 "audit syscall=umount2 arch=x86_64 key=two\n");
	ck_assert(rs.lock);
	ruleset_free(&rs);
	buf_free(&all);
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i][0]);
		unlink(path);
	}
	rmdir(dir);
}
END_TEST

Suite *auditctl_suite(void)
{
	Suite *s = suite_create("auditctl");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, every_example_line_loads_or_is_refused_as_documented);
	tcase_add_test(tc, stig_lines_translate_exactly);
	tcase_add_test(tc, translations_round_trip);
	tcase_add_test(tc, ids_and_results_combine_or_are_refused);
	tcase_add_test(tc, refusals_fail_the_load_unless_skipped);
	tcase_add_test(tc, settings_order_and_lock);
	tcase_add_test(tc, a_directory_merges_in_order);
	suite_add_tcase(s, tc);
	return s;
}
