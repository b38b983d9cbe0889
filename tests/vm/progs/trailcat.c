// SPDX-License-Identifier: GPL-2.0
/*
 * trailcat: the records of trail files (or of every trail file of a
 * directory, oldest first), raw, to stdout: what collect would have
 * written, for reccheck. Damage goes to stderr and makes the exit status 1.
 *
 * usage: trailcat FILE|DIR...
 *        trailcat --frames FILE   where its frames are, one a line:
 *                                 "INDEX OFFSET LENGTH" (for tests that
 *                                 damage a file on purpose)
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "trail.h"

static int cat_file(const char *path)
{
	const struct c2a_record *rec;
	struct trail_reader *r;
	enum trail_step s;
	char err[512];
	int ret = 0;

	r = trail_open(path, NULL, 0, err, sizeof(err));
	if (!r) {
		fprintf(stderr, "trailcat: %s\n", err);
		return 1;
	}
	while ((s = trail_next(r, &rec)) != TRAIL_END) {
		if (s == TRAIL_RECORD) {
			if (fwrite(rec, sizeof(*rec), 1, stdout) != 1)
				fatal("writing the records of %s", path);
			continue;
		}
		fprintf(stderr, "trailcat: %s: %s\n", path, trail_damage(r));
		ret = 1;
		if (s == TRAIL_ERROR)
			break;
	}
	trail_close(r);
	return ret;
}

/* Walks the frames' heads, trusting them: for intact files. */
static int list_frames(const char *path)
{
	struct trail_file_header h;
	struct trail_frame_head fh;
	struct trail_frame f;
	int fd = open(path, O_RDONLY);
	off_t off = TRAIL_HEADER_SIZE;

	if (fd < 0 || pread(fd, &h, sizeof(h), 0) != sizeof(h))
		fatal("%s", path);
	for (;;) {
		if (h.version == TRAIL_VERSION_FIXED) {
			if (pread(fd, &f, sizeof(f), off) != sizeof(f))
				break;
			fh = (struct trail_frame_head){ .len = sizeof(f),
							.index = f.index };
		} else if (pread(fd, &fh, sizeof(fh), off) != sizeof(fh) ||
			   !trail_frame_head_len(&fh)) {
			break;
		}
		printf("%llu %lld %u\n", (unsigned long long)fh.index,
		       (long long)off, fh.len);
		off += fh.len;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct trail_files files;
	struct stat st;
	char err[512];
	int ret = 0;

	log_init("trailcat");
	if (argc == 3 && !strcmp(argv[1], "--frames"))
		return list_frames(argv[2]);
	for (int i = 1; i < argc; i++) {
		if (stat(argv[i], &st) || !S_ISDIR(st.st_mode)) {
			ret |= cat_file(argv[i]);
			continue;
		}
		if (trail_list(argv[i], &files, err, sizeof(err)))
			fatalx("%s", err);
		for (size_t j = 0; j < files.n; j++)
			ret |= cat_file(files.f[j].path);
		trail_files_free(&files);
	}
	/* A full /tmp must say so: a test's output is all there is. */
	if (fflush(stdout) || ferror(stdout))
		fatal("writing the records");
	return ret;
}
