// SPDX-License-Identifier: GPL-2.0
/* c2auditd's setting up: log directory, key, rules; again on SIGHUP. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "dev_audit.h"
#include "log.h"
#include "rules_module.h"
#include "rules.h"
#include "usermsg.h"

/*
 * With log_group, the trail's readers' group (c2audit-forward's) gets
 * read access: the directory 2750 (new files take its group), the files
 * 0640, those there already included.
 */
static int share_log_dir(const char *dir, const struct conf_group *g)
{
	struct trail_files files;
	char err[512];

	if (chown(dir, (uid_t)-1, g->gid) || chmod(dir, 02750)) {
		log_warn("log_dir %s: giving group %s read access", dir, g->name);
		return -1;
	}
	if (trail_list(dir, &files, err, sizeof(err))) {
		log_warnx("%s", err);
		return -1;
	}
	for (size_t i = 0; i < files.n; i++)
		if (chown(files.f[i].path, (uid_t)-1, g->gid) ||
		    chmod(files.f[i].path, 0640))
			log_warn("%s: giving group %s read access",
				 files.f[i].path, g->name);
	trail_files_free(&files);
	umask(027);
	return 0;
}

/*
 * The trail's directory: made if missing; refused when others could
 * write to it (and so remove or replace trail files) or when it belongs to
 * someone else.
 */
int setup_log_dir(const char *dir, const struct conf_group *g)
{
	struct stat st;

	if (mkdir(dir, 0700) && errno != EEXIST) {
		log_warn("log_dir %s: cannot create it", dir);
		return -1;
	}
	if (stat(dir, &st)) {
		log_warn("log_dir %s", dir);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		log_warnx("log_dir %s: not a directory", dir);
		return -1;
	}
	if (st.st_mode & S_IWOTH) {
		log_warnx("log_dir %s: mode %04o lets anyone remove or replace trail files: refusing it (chmod 700 %s)",
			  dir, (unsigned int)st.st_mode & 07777, dir);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		log_warnx("log_dir %s: owned by uid %u, not by this daemon's (%u): refusing it",
			  dir, (unsigned int)st.st_uid, (unsigned int)geteuid());
		return -1;
	}
	if (g->set)
		return share_log_dir(dir, g);
	umask(077);
	if (st.st_mode & (S_IRWXG | S_IRWXO))
		log_warnx("log_dir %s: mode %04o lets others see the trail's files; chmod 700 %s",
			  dir, (unsigned int)st.st_mode & 07777, dir);
	return 0;
}

int setup_key(const struct conf *c, struct trail_key *key)
{
	char err[512];

	memset(key, 0, sizeof(*key));
	if (!c->key_file[0])
		return 0;
	if (trail_key_load(c->key_file, key, err, sizeof(err))) {
		log_warnx("%s", err);
		return -1;
	}
	return 0;
}

/*
 * The rules file's settings and rules, into the module. A bad file or a
 * locked module leaves the rules in force: the trail goes on either way.
 */
void setup_rules(const struct conf *c)
{
	struct ruleset rs;
	int fd;

	if (!c->rules_file[0])
		return;
	if (ruleset_load(c->rules_file, NULL, &rs)) {
		log_warnx("%s: not applied; the rules in force stay", c->rules_file);
		return;
	}
	fd = dev_open_control(c->device);
	if (fd >= 0 && !ruleio_apply(fd, &rs))
		log_info("%zu rules loaded from %s%s", rs.count, c->rules_file,
			 rs.lock ? "; configuration locked" : "");
	else
		log_warnx("%s: not applied; the rules in force stay", c->rules_file);
	if (fd >= 0)
		close(fd);
	ruleset_free(&rs);
}

static int load_conf(const char *path, struct conf *c)
{
	return path ? conf_load(c, path) : conf_load_default(c);
}

/* A new key (or none where there was one) starts a new file. */
static bool key_changed(const struct trail_key *a, const struct trail_key *b)
{
	if (!a->bytes || !b->bytes)
		return !a->bytes != !b->bytes;
	return memcmp(a->id, b->id, sizeof(a->id));
}

static void resize_batch(struct daemon *d, unsigned int records)
{
	struct c2a_record *buf;

	/* room for the longest of Linux audit's messages (kaudit.c) */
	if (records < USERMSG_RECORDS_MAX + 2)
		records = USERMSG_RECORDS_MAX + 2;
	if (records == d->buf_cap || d->pending > records)
		return;
	buf = realloc(d->buf, (size_t)records * sizeof(*buf));
	if (!buf)
		fatal("out of memory");
	d->buf = buf;
	d->buf_cap = records;
}

/* SIGHUP: the configuration again, then the rules. */
void setup_reload(struct daemon *d)
{
	struct trail_key key;
	struct conf nc;
	bool rotate;

	if (load_conf(d->conf_path, &nc)) {
		log_warnx("configuration not reloaded: the one in force stays");
		return;
	}
	if (strcmp(nc.device, d->conf.device)) {
		log_warnx("device %s: a new device takes a restart; reading %s still",
			  nc.device, d->conf.device);
		strcpy(nc.device, d->conf.device);
	}
	if (nc.kernel_audit != d->conf.kernel_audit) {
		log_warnx("kernel_audit = %s takes a restart; %s stays",
			  conf_kaudit_name(nc.kernel_audit),
			  conf_kaudit_name(d->conf.kernel_audit));
		nc.kernel_audit = d->conf.kernel_audit;
	}
	if ((strcmp(nc.log_dir, d->conf.log_dir) ||
	     nc.log_group.set != d->conf.log_group.set ||
	     nc.log_group.gid != d->conf.log_group.gid) &&
	    setup_log_dir(nc.log_dir, &nc.log_group)) {
		log_warnx("log_dir stays %s", d->conf.log_dir);
		strcpy(nc.log_dir, d->conf.log_dir);
		nc.log_group = d->conf.log_group;
	}
	rotate = strcmp(nc.log_dir, d->conf.log_dir);
	if (setup_key(&nc, &key)) {
		log_warnx("key_file: the key in force stays");
		strcpy(nc.key_file, d->conf.key_file);
	} else if (key_changed(&key, &d->key)) {
		trail_key_free(&d->key);
		d->key = key;
		rotate = true;
	} else {
		trail_key_free(&key);
	}
	d->conf = nc;
	resize_batch(d, nc.read_batch);
	log_info("configuration reloaded");
	if (rotate)
		store_rotate(d, true);
	setup_rules(&d->conf);
	cond_after_write(d, true);
}
