// SPDX-License-Identifier: GPL-2.0
/*
 * A follower's position file:
 *
 *   # c2audit trail position
 *   file 3
 *   frame 1234
 *   done no
 *   chain 9f86d0...  (64 hex digits: the chain value after that frame)
 *
 * Replaced whole: written to NAME.tmp, synced, renamed over NAME, and
 * the directory synced, so that a crash at any point leaves one of the
 * two positions, never a mix or nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trail_follow.h"

#define POS_HEAD	"# c2audit trail position"

static int hex_decode(const char *s, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = b;
	}
	return strlen(s) == 2 * n ? 0 : -1;
}

static int pos_line(struct trail_pos *pos, char *key, char *v,
		    unsigned int *seen)
{
	char *end;

	if (!strcmp(key, "chain")) {
		*seen |= 8;
		pos->has_mac = true;
		return hex_decode(v, pos->mac, TRAIL_MAC_LEN);
	}
	if (!strcmp(key, "done")) {
		*seen |= 4;
		pos->done = !strcmp(v, "yes");
		return pos->done || !strcmp(v, "no") ? 0 : -1;
	}
	errno = 0;
	if (!strcmp(key, "file")) {
		*seen |= 1;
		pos->seq = strtoull(v, &end, 10);
	} else if (!strcmp(key, "frame")) {
		*seen |= 2;
		pos->index = strtoull(v, &end, 10);
	} else {
		return -1;
	}
	return errno || end == v || *end ? -1 : 0;
}

int trail_pos_load(const char *path, struct trail_pos *pos, char *err,
		   size_t errlen)
{
	FILE *fp = fopen(path, "re");
	unsigned int line = 0, seen = 0;
	char text[256];
	int ret = 0;

	memset(pos, 0, sizeof(*pos));
	if (!fp && errno == ENOENT)
		return 1;
	if (!fp) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (!ret && fgets(text, sizeof(text), fp)) {
		char *key, *v;

		line++;
		text[strcspn(text, "\n")] = '\0';
		if (line == 1 && strcmp(text, POS_HEAD))
			ret = -1;
		else if (line > 1 && (!(key = strtok(text, " ")) ||
				      !(v = strtok(NULL, " ")) ||
				      strtok(NULL, " ") ||
				      pos_line(pos, key, v, &seen)))
			ret = -1;
	}
	if (ferror(fp)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		fclose(fp);
		return -1;
	}
	fclose(fp);
	if (!ret && (seen & 7) != 7) {
		line++;
		ret = -1;
	}
	if (!ret && pos->seq)
		return 0;
	snprintf(err, errlen, "%s:%u: not a position file (its lines: '" POS_HEAD "', file N, frame N, done yes|no, chain HEX)",
		 path, line);
	memset(pos, 0, sizeof(*pos));
	return -1;
}

static int sync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd, ret;

	if (!copy)
		return -1;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

int trail_pos_save(const char *path, const struct trail_pos *pos, char *err,
		   size_t errlen)
{
	char tmp[PATH_MAX + 8], text[256];
	int fd, len;

	len = snprintf(text, sizeof(text), POS_HEAD "\nfile %" PRIu64 "\nframe %" PRIu64 "\ndone %s\n",
		       pos->seq, pos->index, pos->done ? "yes" : "no");
	if (pos->has_mac) {
		len += snprintf(text + len, sizeof(text) - len, "chain ");
		for (size_t i = 0; i < TRAIL_MAC_LEN; i++)
			len += snprintf(text + len, sizeof(text) - len,
					"%02x", pos->mac[i]);
		len += snprintf(text + len, sizeof(text) - len, "\n");
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	errno = 0;
	if (write(fd, text, len) != len || fsync(fd)) {
		if (errno == 0)
			errno = EIO;
		close(fd);
		unlink(tmp);
		goto fail;
	}
	if (close(fd) || rename(tmp, path)) {
		unlink(tmp);
		goto fail;
	}
	if (sync_dir(path))
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno));
	return -1;
}
