// SPDX-License-Identifier: GPL-2.0
/*
 * pkgsim: a package upgrade as dpkg does it, in one process. Reads the
 * new version's files from SRC (the unpacked archive) and installs each
 * into DEST as NAME.dpkg-new, fsynced, then renamed over NAME. The first
 * CONFFILES files are configuration files: the installed one is read
 * first (dpkg compares its checksum). Files of DEST that SRC no longer
 * has are removed.
 *
 * usage: pkgsim [-c CONFFILES] SRC DEST
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void die(const char *what, const char *path)
{
	fprintf(stderr, "pkgsim: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void copy(const char *from, const char *to)
{
	char buf[4096];
	ssize_t n;
	int in = open(from, O_RDONLY), out;

	if (in < 0)
		die("open", from);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0)
		die("create", to);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			die("write", to);
	if (n < 0 || fsync(out) || close(out))
		die("write", to);
	close(in);
}

/* The installed conffile's checksum: reading it is what counts here. */
static void checksum(const char *path)
{
	char buf[4096];
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return;
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
}

static void install(const char *src, const char *dest, const char *name,
		    bool conffile)
{
	char from[PATH_MAX], to[PATH_MAX], tmp[PATH_MAX + 16];

	snprintf(from, sizeof(from), "%s/%s", src, name);
	snprintf(to, sizeof(to), "%s/%s", dest, name);
	snprintf(tmp, sizeof(tmp), "%s.dpkg-new", to);
	if (conffile)
		checksum(to);
	copy(from, tmp);
	if (rename(tmp, to))
		die("rename", tmp);
}

/* Files of the old version the new one does not have. */
static int remove_obsolete(const char *src, const char *dest)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(dest);
	int n = 0;

	if (!d)
		die("open", dest);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", src, de->d_name);
		if (!access(path, F_OK))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dest, de->d_name);
		if (unlink(path))
			die("unlink", path);
		n++;
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	struct dirent *de;
	int conffiles = 0, n = 0, c;
	DIR *d;

	while ((c = getopt(argc, argv, "c:")) != -1) {
		if (c != 'c')
			goto usage;
		conffiles = atoi(optarg);
	}
	if (optind + 2 != argc)
		goto usage;
	d = opendir(argv[optind]);
	if (!d)
		die("open", argv[optind]);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		install(argv[optind], argv[optind + 1], de->d_name, n < conffiles);
		n++;
	}
	closedir(d);
	printf("pkgsim: %d installed, %d removed\n", n,
	       remove_obsolete(argv[optind], argv[optind + 1]));
	return 0;
usage:
	fprintf(stderr, "usage: pkgsim [-c CONFFILES] SRC DEST\n");
	return 2;
}
