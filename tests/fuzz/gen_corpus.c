// SPDX-License-Identifier: GPL-2.0
/*
 * The seed corpus of the fuzz targets, made with the library so that no
 * binary file needs to be kept in the tree:
 *
 *   gen_corpus OUTDIR          OUTDIR/{record,trail,rules,conf,detect,auditmsg}/
 *   gen_corpus --trail DIR N   a log directory of N files, sealed as
 *                              c2auditd seals them (for trying the tools)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "recgen.h"
#include "trail.h"
#include "trail_chain.h"

#define FUZZ_KEY	"c2audit fuzz key: not a secret!"	/* as fuzz.h */

static const char *out;

static void put(const char *target, const char *name, const void *p,
		size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", out, target);
	if (mkdir(path, 0755) && errno != EEXIST)
		fatal("%s", path);
	snprintf(path, sizeof(path), "%s/%s/%s", out, target, name);
	f = fopen(path, "w");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f))
		fatal("%s", path);
}

static void put_text(const char *target, const char *name, const char *text)
{
	put(target, name, text, strlen(text));
}

/* A record stream for fuzz_record: its flag byte, then the records. */
static void put_records(const char *name, const struct c2a_record *r,
			size_t n)
{
	char *buf = malloc(1 + n * sizeof(*r));

	if (!buf)
		fatal("out of memory");
	buf[0] = 0;
	memcpy(buf + 1, r, n * sizeof(*r));
	put("record", name, buf, 1 + n * sizeof(*r));
	free(buf);
}

/* Records of every type, strings inline and in continuations. */
static size_t make_records(struct c2a_record *r, size_t max)
{
	static char long_path[1500];
	struct gen_str s[] = {
		{ C2A_STR_EXE, "/usr/bin/cat", 12 },
		{ C2A_STR_PATH, "/etc/shadow", 11 },
		{ C2A_STR_ARGV, "cat\0/etc/shadow", 15 },
	};
	struct gen_str l = { C2A_STR_PATH, long_path, sizeof(long_path) };
	size_t n = 0;

	for (size_t i = 0; i < sizeof(long_path); i++)
		long_path[i] = i % 16 ? 'a' + i % 26 : '/';
	n += gen_event(&r[n], max - n, 0, 1, s, 3);
	n += gen_event(&r[n], max - n, 1, 1, &l, 1);
	gen_loss(&r[n++], 0, 2, 1, 50, 0x7f);
	n += gen_event(&r[n], max - n, 0, 3, s, 1);
	r[n - 1].hdr.type = C2A_REC_LSM;
	memset(&r[n - 1].ev.u, 0, sizeof(r[n - 1].ev.u));
	r[n - 1].ev.u.lsm.hook = 1;
	r[n - 1].ev.u.lsm.lflags = 1;
	r[n - 1].ev.u.lsm.result = -13;
	r[n - 1].ev.u.lsm.mask = 0x24;
	n += gen_event(&r[n], max - n, 0, 4, NULL, 0);
	r[n - 1].hdr.type = C2A_REC_CONFIG;
	memset(&r[n - 1].ev.u, 0, sizeof(r[n - 1].ev.u));
	r[n - 1].ev.u.cfg.item = 10;
	r[n - 1].ev.u.cfg.result = -1;
	n += gen_event(&r[n], max - n, 0, 5, NULL, 0);
	r[n - 1].ev.u.sys.sysid = C2A_SYS_settimeofday;
	r[n - 1].ev.u.sys.obj.time.sec = 1700000000;
	return n;
}

static void record_seeds(void)
{
	struct c2a_record r[16];
	size_t n = make_records(r, 16);

	put_records("mixed", r, n);
	put_records("one", r, 1);
	/* The head of issue 25: an exe inline, then sent again. */
	n = gen_event(r, 1, 0, 1, (struct gen_str[]){
		{ C2A_STR_EXE, "/bin/true1", 10 } }, 1);
	r[1] = r[0];
	r[1].hdr.type = C2A_REC_CONT;
	r[1].hdr.seq = 2;
	r[1].hdr.part = 1;
	r[0].hdr.nparts = r[1].hdr.nparts = 2;
	memset(&r[1].cont, 0, sizeof(r[1].cont));
	r[1].cont.strtype = C2A_STR_EXE;
	r[1].cont.len = 10;
	r[1].cont.head_seq = 1;
	memcpy(r[1].cont.data, "/bin/true1", 10);
	put_records("repeated-cont", r, 2);
}

static void copy_file(const char *from, const char *name)
{
	static char buf[1 << 20];
	int fd = open(from, O_RDONLY);
	ssize_t n;

	if (fd < 0 || (n = read(fd, buf, sizeof(buf))) < 0)
		fatal("%s", from);
	close(fd);
	put("trail", name, buf, n);
}

/* Files 1..@nfiles of @dir, @nrec records each, the last sealed STOP. */
static void write_trail(const char *dir, unsigned int nfiles, size_t nrec,
			const struct trail_key *key)
{
	struct c2a_record r[16];
	struct trail_prev prev;
	size_t n = make_records(r, 16);
	char err[512];

	if (nrec < n)
		n = nrec;
	for (unsigned int seq = 1; seq <= nfiles; seq++) {
		struct trail_writer *w;

		w = trail_create(dir, seq, seq > 1 ? &prev : NULL, key, err,
				 sizeof(err));
		if (!w)
			fatalx("%s", err);
		if (trail_append(w, r, n) ||
		    trail_seal(w, seq < nfiles ? TRAIL_SEAL_ROTATE :
			       TRAIL_SEAL_STOP))
			fatal("%s", trail_writer_path(w));
		trail_writer_prev(w, &prev);
		trail_writer_close(w);
	}
}

static void trail_seeds(void)
{
	struct trail_key key = { .len = strlen(FUZZ_KEY) };
	char dir[4096], *path;

	key.bytes = (unsigned char *)FUZZ_KEY;
	chain_key_id(key.bytes, key.len, key.id);
	snprintf(dir, sizeof(dir), "%s/trail.tmp", out);
	if (mkdir(dir, 0700))
		fatal("%s", dir);
	write_trail(dir, 2, 16, NULL);
	path = trail_file_path(dir, 1);
	copy_file(path, "rotated");
	unlink(path);
	free(path);
	path = trail_file_path(dir, 2);
	copy_file(path, "stopped-with-prev");
	unlink(path);
	free(path);
	write_trail(dir, 1, 3, &key);
	path = trail_file_path(dir, 1);
	copy_file(path, "keyed");
	unlink(path);
	free(path);
	if (rmdir(dir))
		fatal("%s", dir);
}

static void text_seeds(void)
{
	put_text("rules", "baseline",
		 "set overflow=block block_timeout=60000 failure=log\n"
		 "audit syscall=@identity key=identity\n"
		 "exclude auid=unset\n"
		 "audit syscall=open,openat,openat2 success=no key=failed-open\n"
		 "audit arch=i386,x32 uid!=0-999 euid=0\n"
		 "audit syscall=execve exe=\"/opt/my app/run\" path=/srv/data key=a.b:c/d\n"
		 "exclude gid=100 pid=1 ppid=2\n"
		 "audit lsm=file_open,inode_permission success=no uid=65534 key=denied\n"
		 "exclude lsm=@all uid=0\n"
		 "audit syscall=@file path=/etc/sudoers.d key=privileged\n"
		 "audit syscall=execve cmp=uid!=euid euid=0 suid=0-5 exit=-EACCES,0 a1&0x40 perm=wa i386=chown,212 file=/etc/passwd key=a,b\n"
		 "lock\n");
	/* auditctl's grammar, as Debian's example rule sets write it */
	put_text("rules", "auditctl",
		 "-D\n-b 8192\n-f 1\n-r 0\n"
		 "-a always,exit -F arch=b64 -S open,openat -F exit=-EACCES -F auid>=1000 -F auid!=unset -k access\n"
		 "-a always,exit -F arch=b32 -S chown,lchown -F a2&03 -F success=0 -F key=a -k b\n"
		 "-A never,exit -F arch=b64 -S execve -C uid!=euid -F euid=0 -F exe=/usr/bin/sudo\n"
		 "-a always,exit -F dir=/etc/sudoers.d/ -F perm=wa -F uid<=5 -F fsgid!=3\n"
		 "-w /etc/passwd -p wa -k identity\n"
		 "-a always,exit -S all -k refused\n"
		 "-e 2\n");
	put_text("conf", "outputs",
		 "log_dir = /var/log/c2audit\n"
		 "max_log_file = 8M\n"
		 "num_logs = 5\n"
		 "key_file = /etc/c2audit/trail.key\n"
		 "space_left = 75\n"
		 "space_left_action = syslog\n"
		 "admin_space_left = 50\n"
		 "admin_space_left_action = suspend\n"
		 "disk_full_action = suspend\n"
		 "\n"
		 "[output local]\n"
		 "type = file\n"
		 "path = /var/log/c2audit/events.json  # a comment\n"
		 "max_size = 10M\n"
		 "match = syscall=execve,openat\n"
		 "match = success=no\n"
		 "[output sys]\n"
		 "type = syslog\n"
		 "facility = local3\n"
		 "severity = notice\n"
		 "[output fleet]\n"
		 "  type=remote\n"
		 "host = collector.example.org\n"
		 "tls = yes\n"
		 "tls_ca = /etc/ssl/ca.pem\n"
		 "queue_full = drop-newest\n"
		 "priority = 10\n"
		 "spool_dir = /var/spool/c2audit/fleet\n"
		 "spool_mem = 1M\n"
		 "lua = /etc/c2audit/fleet.lua\n");
	put_text("detect", "defaults",
		 "# c2audit detect -c FILE\n"
		 "window_ms=1000\n"
		 "threshold.open=100\n"
		 "threshold.create=50\n"
		 "threshold.delete=50\n"
		 "threshold.enc=50\n"
		 "seq_window_ms=10000\n"
		 "patterns=copy-delete,rename-over,rename-away\n"
		 "relation=dir\n"
		 "match_window_ms=10000\n"
		 "match_major=10\n"
		 "enc_window_ms=10000\n"
		 "max_procs=4096\n"
		 "idle_ms=300000\n"
		 "reorder_ms=500\n"
		 "reorder_max=2048\n"
		 "ignore=/usr/bin/gpg\n");
	put_text("detect", "tight",
		 "window_ms=1\nthreshold.open=1\nthreshold.create=1\n"
		 "match_major=1\nrelation=name\nmax_procs=1\nreorder_max=1\n"
		 "reorder_ms=0\n");
}

/*
 * Linux audit's messages for fuzz_auditmsg: the type in the first two
 * bytes (little endian), then the text as the kernel sends it.
 */
static void put_auditmsg(const char *name, unsigned int type, const char *text)
{
	char buf[1024];
	size_t n = strlen(text);

	buf[0] = type & 0xff;
	buf[1] = type >> 8;
	memcpy(buf + 2, text, n);
	put("auditmsg", name, buf, n + 2);
}

static void auditmsg_seeds(void)
{
	put_auditmsg("user_auth", 1100,
		     "audit(1733472000.123:42): pid=812 uid=0 auid=1000 ses=3 "
		     "msg='op=PAM:authentication grantors=pam_unix acct=\"alice\" "
		     "exe=\"/usr/bin/su\" hostname=? addr=? terminal=pts/0 res=success'");
	put_auditmsg("user_cmd", 1123,
		     "audit(1733472001.5:43): pid=900 uid=1000 auid=1000 ses=3 "
		     "msg='cwd=\"/home/alice\" cmd=6964 terminal=pts/0 res=success'");
	put_auditmsg("avc", 1400,
		     "audit(1733472002.0:44): apparmor=\"DENIED\" operation=\"open\" "
		     "profile=\"c2a-test\" name=\"/etc/shadow\" pid=77 comm=\"cat\" "
		     "requested_mask=\"r\" denied_mask=\"r\" fsuid=0 ouid=0");
	put_auditmsg("anom_abend", 1701,
		     "audit(1733472003.9:45): auid=1000 uid=1000 gid=1000 ses=3 "
		     "pid=99 comm=\"sh\" exe=\"/bin/busybox\" sig=11 res=1");
}

int main(int argc, char **argv)
{
	log_init("gen_corpus");
	if (argc == 4 && !strcmp(argv[1], "--trail")) {
		if (mkdir(argv[2], 0700) && errno != EEXIST)
			fatal("%s", argv[2]);
		write_trail(argv[2], atoi(argv[3]), 16, NULL);
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: gen_corpus OUTDIR | gen_corpus --trail DIR N\n");
		return 2;
	}
	out = argv[1];
	if (mkdir(out, 0755) && errno != EEXIST)
		fatal("%s", out);
	record_seeds();
	trail_seeds();
	text_seeds();
	auditmsg_seeds();
	return 0;
}
