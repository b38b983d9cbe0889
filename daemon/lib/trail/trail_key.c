// SPDX-License-Identifier: GPL-2.0
/* The key of a keyed (HMAC) chain. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "trail.h"
#include "trail_chain.h"

static int key_read(int fd, const char *path, const struct stat *st,
		    struct trail_key *key, char *err, size_t errlen)
{
	ssize_t n;

	key->bytes = malloc(st->st_size);
	if (!key->bytes)
		fatal("out of memory");
	n = pread(fd, key->bytes, st->st_size, 0);
	if (n != st->st_size) {
		snprintf(err, errlen, "%s: %s", path,
			 n < 0 ? strerror(errno) : "changed while read");
		trail_key_free(key);
		return -1;
	}
	key->len = n;
	chain_key_id(key->bytes, key->len, key->id);
	return 0;
}

int trail_key_load(const char *path, struct trail_key *key, char *err,
		   size_t errlen)
{
	struct stat st;
	int fd, ret = -1;

	memset(key, 0, sizeof(*key));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st)) {
		snprintf(err, errlen, "key file %s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode))
		snprintf(err, errlen, "key file %s: not a regular file", path);
	else if (st.st_mode & (S_IRWXG | S_IRWXO))
		snprintf(err, errlen, "key file %s: mode %04o lets others read or change it: chmod 600 it (and make a new key)",
			 path, (unsigned int)st.st_mode & 07777);
	else if (st.st_size < TRAIL_KEY_MIN || st.st_size > TRAIL_KEY_MAX)
		snprintf(err, errlen, "key file %s: %lld bytes; a key has %d to %d (head -c 32 /dev/urandom >%s)",
			 path, (long long)st.st_size, TRAIL_KEY_MIN,
			 TRAIL_KEY_MAX, path);
	else
		ret = key_read(fd, path, &st, key, err, errlen);
out:
	if (fd >= 0)
		close(fd);
	return ret;
}

void trail_key_free(struct trail_key *key)
{
	if (key->bytes) {
		explicit_bzero(key->bytes, key->len);
		free(key->bytes);
	}
	memset(key, 0, sizeof(*key));
}
