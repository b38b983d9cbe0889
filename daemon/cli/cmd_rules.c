// SPDX-License-Identifier: GPL-2.0
/* c2audit rules: load, check, import, list, add, delete, flush, lock. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "dev_audit.h"
#include "log.h"
#include "rules_module.h"
#include "rules.h"
#include "uprobes_module.h"

#define RULES_FILE	"/etc/c2audit/rules.d"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: c2audit rules load [--skip-unsupported] [FILE|DIR]\n"
		"       c2audit rules check [--skip-unsupported] FILE|DIR\n"
		"       c2audit rules import [--skip-unsupported] FILE|DIR...\n"
		"       c2audit rules list [-n]\n"
		"       c2audit rules add [--at N] audit|exclude [CONDITION...]\n"
		"       c2audit rules delete N\n"
		"       c2audit rules flush\n"
		"       c2audit rules lock\n"
		"\n"
		"The module's audit rules. The first rule a call meets decides whether\n"
		"it is audited; a call no rule selects is not.\n"
		"\n"
		"  load    replace all rules at once with those of FILE, or of DIR's\n"
		"          *.rules in order (default " RULES_FILE "),\n"
		"          after its settings; then lock if it says so\n"
		"  check   parse FILE or DIR and report every error, changing nothing\n"
		"  import  print what each line of auditctl's rules files becomes, in\n"
		"          this grammar (native files are printed as they are read)\n"
		"  --skip-unsupported  an auditctl line c2audit cannot honour exactly is\n"
		"          reported and skipped instead of failing the load\n"
		"  list    print the rules in force in the file's grammar (-n: numbered)\n"
		"  add     add one rule, last or at position N (0 is first)\n"
		"  delete  remove rule N (as `list -n` numbers them)\n"
		"  flush   remove every rule and uprobe: nothing is audited\n"
		"  lock    no rule, setting or geometry change and no unload until\n"
		"          reboot; every later attempt is refused and audited\n"
		"\n"
		"The rules file, one directive per line ('#' starts a comment):\n"
		"  audit   [CONDITION...]   audit the calls that meet every condition\n"
		"  exclude [CONDITION...]   do not audit them\n"
		"  set KEY=VALUE...         module settings, as `c2audit set`\n"
		"  uprobe [LIBRARY FUNCTION...]\n"
		"                           record calls of these library functions; alone:\n"
		"                           " UPROBE_DEFAULT_LIBRARY " EVP_EncryptInit_ex EVP_CipherInit_ex\n"
		"                           EVP_SealInit\n"
		"  lock                     lock the configuration (last)\n"
		"\n"
		"A file whose directives start with '-' is auditctl's (auditctl(8),\n"
		"parsed by libaudit): -a/-A always|never,exit with -S, -F, -C, -k;\n"
		"-w PATH -p PERMS; -e, -f, -b, -r, -D, --backlog_wait_time. What c2audit\n"
		"cannot do exactly is refused with FILE:LINE and why (doc/rules.md).\n"
		"\n"
		"Conditions (NAME=VALUE; the ids and exit take NAME!=VALUE too):\n"
		"  syscall=NAME[,NAME...]   these calls, or a class: @file, @process,\n"
		"                           @identity, @network, @system (default: all)\n"
		"  lsm=HOOK[,HOOK...]       instead of syscalls, these LSM hooks' events\n"
		"                           (@all: every hook; no syscall=, arch=, exe=,\n"
		"                           path= with it); without lsm= none is audited\n"
		"  arch=ARCH[,ARCH...]      x86_64, i386, x32, io_uring\n"
		"  success=yes|no           calls that succeeded, or failed\n"
		"  exit=R[,R...]            the result is one of these: -EACCES, -13, 0\n"
		"  uid= euid= suid= fsuid= auid= gid= egid= sgid= fsgid=\n"
		"                           a number, a range N-M, a name; auid=unset\n"
		"  cmp=ID=ID cmp=ID!=ID     two of those ids compared (cmp=uid!=euid)\n"
		"  pid=N ppid=N             the calling process, its parent\n"
		"  aN=V aN!=V aN<V aN<=V aN>V aN>=V aN&V aN&=V\n"
		"                           argument N (0-3), its low 32 bits\n"
		"  perm=[rwxa]              what the call does to its object, classified\n"
		"                           as Linux audit does (opens by their flags)\n"
		"  i386=NAME[,NAME...]      of the i386 calls, only these (i386 names)\n"
		"  exe=/PATH                the executable, exactly\n"
		"  path=/DIR                an object path is DIR or lies under it\n"
		"  file=/PATH               an object path is PATH itself\n"
		"  key=WORD[,WORD...]       label(s) for the records (1-31 of\n"
		"                           A-Za-z0-9-_.:/)\n"
		"Values with blanks are quoted: exe=\"/opt/my app/bin/x\".\n"
		"LSM hooks: file_open file_permission file_ioctl mmap_file file_mprotect\n"
		"  inode_permission inode_create inode_unlink inode_rename inode_setattr\n"
		"  inode_follow_link bprm_check bprm_committing_creds bprm_committed_creds\n"
		"  cred_prepare task_kill ptrace_access_check capable socket_connect\n"
		"  socket_bind sb_mount kernel_read_file kernel_module_request\n"
		"\n"
		"Changes need CAP_AUDIT_CONTROL. Exit status: 0 done, 1 failed (a bad\n"
		"rules file, a refused change), 2 usage error.\n");
}

static int open_control(const struct cli *cli)
{
	return dev_open_control(cli->device);
}

static int rules_load(const struct cli *cli, const char *path,
		      const struct rules_opts *o)
{
	struct ruleset rs;
	int fd, ret;

	if (ruleset_load(path, o, &rs))
		return EXIT_FAIL;
	fd = open_control(cli);
	if (fd < 0) {
		ruleset_free(&rs);
		return EXIT_FAIL;
	}
	ret = ruleio_apply(fd, &rs) ? EXIT_FAIL : EXIT_OK;
	if (!ret)
		printf("%zu rules, %zu uprobes loaded%s\n", rs.count,
		       rs.uprobes.count,
		       rs.lock ? "; configuration locked until reboot" : "");
	close(fd);
	ruleset_free(&rs);
	return ret;
}

static int rules_check(const char *path, const struct rules_opts *o)
{
	struct ruleset rs;

	if (ruleset_load(path, o, &rs))
		return EXIT_FAIL;
	printf("%s: %zu rules, %zu settings, %zu uprobes%s\n", path, rs.count,
	       rs.nsettings, rs.uprobes.count, rs.lock ? ", lock" : "");
	ruleset_free(&rs);
	return EXIT_OK;
}

static int rules_list(const struct cli *cli, bool numbered)
{
	struct buf line = { 0 };
	struct ruleset rs;
	int fd = dev_open_query(cli->device);

	if (fd < 0)
		return EXIT_FAIL;
	if (ruleio_fetch(fd, &rs) || uprobeio_fetch(fd, &rs.uprobes)) {
		close(fd);
		ruleset_free(&rs);
		return EXIT_FAIL;
	}
	close(fd);
	for (size_t i = 0; i < rs.count; i++) {
		buf_reset(&line);
		if (numbered)
			buf_printf(&line, "%4zu  ", i);
		rule_format(&rs.rules[i], &line);
		printf("%s\n", buf_cstr(&line));
	}
	buf_reset(&line);
	uprobe_format(&rs.uprobes, &line);
	fputs(buf_cstr(&line), stdout);
	buf_free(&line);
	ruleset_free(&rs);
	return EXIT_OK;
}

/* Each file's lines, and what they became; all files, whatever fails. */
static int rules_import(int argc, char **argv, struct rules_opts *o)
{
	int ret = EXIT_OK;

	o->import = stdout;
	for (int i = 0; i < argc; i++) {
		struct ruleset rs;

		if (ruleset_load(argv[i], o, &rs)) {
			ret = EXIT_FAIL;
			continue;
		}
		ruleset_free(&rs);
	}
	return ret;
}

static bool parse_position(const char *s, unsigned int *pos)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || n > UINT_MAX) {
		log_warnx("'%s': expected a rule number", s);
		return false;
	}
	*pos = n;
	return true;
}

static int rules_add(const struct cli *cli, int argc, char **argv)
{
	unsigned int at = UINT_MAX;
	char err[512];
	struct rule r;
	int fd, ret;

	if (argc >= 2 && !strcmp(argv[0], "--at")) {
		if (!parse_position(argv[1], &at))
			return EXIT_USAGE;
		argv += 2;
		argc -= 2;
	}
	if (!argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (rule_parse_words(argv, argc, &r, err, sizeof(err)) < 0) {
		log_warnx("%s", err);
		return EXIT_USAGE;
	}
	fd = open_control(cli);
	ret = fd >= 0 && !ruleio_add(fd, &r, at) ? EXIT_OK : EXIT_FAIL;
	if (fd >= 0)
		close(fd);
	rule_free(&r);
	return ret;
}

enum change { DELETE, FLUSH, LOCK };

/* delete, flush, lock: one ioctl on a control handle */
static int rules_change(const struct cli *cli, enum change what,
			unsigned int pos)
{
	int fd = open_control(cli), ret;

	if (fd < 0)
		return EXIT_FAIL;
	switch (what) {
	case DELETE:
		ret = ruleio_delete(fd, pos);
		break;
	case FLUSH:
		/* Both, even when the first is refused: both are audited. */
		ret = ruleio_flush(fd);
		ret = uprobeio_flush(fd) || ret;
		break;
	default:
		ret = ruleio_lock(fd);
	}
	close(fd);
	return ret ? EXIT_FAIL : EXIT_OK;
}

int cmd_rules(const struct cli *cli, int argc, char **argv)
{
	struct rules_opts o = { 0 };
	unsigned int pos = 0;
	const char *verb;
	int c, status;

	while ((c = cmd_getopt(argc, argv, "", NULL, usage, &status)) != -1)
		if (c == CMD_DONE)
			return status;
	if (optind == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	verb = argv[optind++];
	argc -= optind;
	argv += optind;
	if (argc && !strcmp(argv[0], "--skip-unsupported") &&
	    (!strcmp(verb, "load") || !strcmp(verb, "check") ||
	     !strcmp(verb, "import"))) {
		o.skip_unsupported = true;
		argc--;
		argv++;
	}
	if (!strcmp(verb, "load") && argc <= 1)
		return rules_load(cli, argc ? argv[0] : RULES_FILE, &o);
	if (!strcmp(verb, "check") && argc == 1)
		return rules_check(argv[0], &o);
	if (!strcmp(verb, "import") && argc)
		return rules_import(argc, argv, &o);
	if (!strcmp(verb, "list") && argc <= 1 &&
	    (!argc || !strcmp(argv[0], "-n")))
		return rules_list(cli, argc == 1);
	if (!strcmp(verb, "add"))
		return rules_add(cli, argc, argv);
	if (!strcmp(verb, "delete") && argc == 1)
		return parse_position(argv[0], &pos) ?
		       rules_change(cli, DELETE, pos) : EXIT_USAGE;
	if (!strcmp(verb, "flush") && !argc)
		return rules_change(cli, FLUSH, 0);
	if (!strcmp(verb, "lock") && !argc)
		return rules_change(cli, LOCK, 0);
	usage(stderr);
	return EXIT_USAGE;
}
