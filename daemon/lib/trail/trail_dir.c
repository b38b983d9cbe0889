// SPDX-License-Identifier: GPL-2.0
/* The trail files of a log directory, oldest first. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "trail.h"

char *trail_file_path(const char *dir, uint64_t seq)
{
	char *p;

	if (asprintf(&p, "%s/" TRAIL_NAME_PREFIX "%08" PRIu64 TRAIL_NAME_SUFFIX,
		     dir, seq) < 0)
		fatal("out of memory");
	return p;
}

/* trail-NNNNNNNN.c2a: its number, or 0 for any other name. */
static uint64_t name_seq(const char *name)
{
	size_t plen = strlen(TRAIL_NAME_PREFIX), slen = strlen(TRAIL_NAME_SUFFIX);
	size_t len = strlen(name);
	uint64_t seq = 0;

	if (len <= plen + slen || strncmp(name, TRAIL_NAME_PREFIX, plen) ||
	    strcmp(name + len - slen, TRAIL_NAME_SUFFIX) || len - plen - slen > 19)
		return 0;
	for (const char *p = name + plen; p < name + len - slen; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		seq = seq * 10 + (*p - '0');
	}
	return seq;
}

static int by_seq(const void *a, const void *b)
{
	const struct trail_file *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int trail_list(const char *dir, struct trail_files *out, char *err,
	       size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	if (!d) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((errno = 0, de = readdir(d))) {
		uint64_t seq = name_seq(de->d_name);

		if (!seq)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->f = realloc(out->f, cap * sizeof(*out->f));
			if (!out->f)
				fatal("out of memory");
		}
		out->f[out->n].seq = seq;
		if (asprintf(&out->f[out->n++].path, "%s/%s", dir,
			     de->d_name) < 0)
			fatal("out of memory");
	}
	if (errno) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		closedir(d);
		trail_files_free(out);
		return -1;
	}
	closedir(d);
	if (out->n)
		qsort(out->f, out->n, sizeof(*out->f), by_seq);
	return 0;
}

uint64_t trail_newest(const char *dir)
{
	struct trail_files files;
	char err[512];
	uint64_t seq;

	if (trail_list(dir, &files, err, sizeof(err)))
		return 0;
	seq = files.n ? files.f[files.n - 1].seq : 0;
	trail_files_free(&files);
	return seq;
}

void trail_files_free(struct trail_files *files)
{
	for (size_t i = 0; i < files->n; i++)
		free(files->f[i].path);
	free(files->f);
	memset(files, 0, sizeof(*files));
}
