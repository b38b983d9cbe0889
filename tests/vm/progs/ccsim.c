// SPDX-License-Identifier: GPL-2.0
/*
 * ccsim: the file I/O of a compile, for a guest with no compiler. For
 * each .c file of SRC a driver process forks a compiler (reads the source and
 * the headers of SRC/include, writes a temporary assembly file in TMP), an
 * assembler (reads it, writes SRC/NAME.o and a dependency file), and
 * removes the temporary; then a linker reads every object and writes
 * SRC/a.out, through a temporary renamed into place; `make clean`
 * removes the objects. The processes are those gcc runs.
 *
 * usage: ccsim SRC TMP
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what, const char *path)
{
	fprintf(stderr, "ccsim: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* DIR/NAME into @out, which has PATH_MAX bytes. */
static void join(char *out, const char *dir, const char *name)
{
	if (snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		die("join", name);
	}
}

/* Appends the contents of @path to @out (a process's reading). */
static void slurp(const char *path, int out)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		die("open", path);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (out >= 0 && write(out, buf, n) != n)
			die("write for", path);
	close(fd);
}

static int create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die("create", path);
	return fd;
}

static void run(void (*fn)(const char *, const char *, const char *),
		const char *a, const char *b, const char *c)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork for", a);
	if (!pid) {
		fn(a, b, c);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		exit(1);
}

/* cc1: the source and its headers in, assembly out. */
static void cc1(const char *src, const char *incdir, const char *asm_out)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(incdir);
	int out = create(asm_out);

	if (!d)
		die("open", incdir);
	slurp(src, out);
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		join(path, incdir, de->d_name);
		slurp(path, -1);
	}
	closedir(d);
	close(out);
}

/* as: assembly in, an object and its dependencies out. */
static void as(const char *asm_in, const char *obj, const char *dep)
{
	int out = create(obj), d = create(dep);

	slurp(asm_in, out);
	if (write(d, "deps\n", 5) != 5)
		die("write", dep);
	close(out);
	close(d);
}

/* ld: every object in, the program out through a temporary. */
static void ld(const char *dir, const char *unused1, const char *unused2)
{
	char path[PATH_MAX], tmp[PATH_MAX], final[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(dir);
	int out;

	(void)unused1;
	(void)unused2;
	join(tmp, dir, "a.out.tmp");
	join(final, dir, "a.out");
	if (!d)
		die("open", dir);
	out = create(tmp);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n < 3 || strcmp(de->d_name + n - 2, ".o"))
			continue;
		join(path, dir, de->d_name);
		slurp(path, out);
	}
	closedir(d);
	close(out);
	if (rename(tmp, final))
		die("rename", tmp);
}

static void compile(const char *srcdir, const char *tmpdir, const char *name,
		    int n)
{
	char src[PATH_MAX], inc[PATH_MAX], s[PATH_MAX], o[PATH_MAX], dep[PATH_MAX];
	size_t len = strlen(name) - 2;

	join(src, srcdir, name);
	join(inc, srcdir, "include");
	snprintf(s, sizeof(s), "%s/cc%06d.s", tmpdir, n);
	snprintf(o, sizeof(o), "%s/%.*s.o", srcdir, (int)len, name);
	snprintf(dep, sizeof(dep), "%s/%.*s.d", srcdir, (int)len, name);
	run(cc1, src, inc, s);
	run(as, s, o, dep);
	if (unlink(s))
		die("unlink", s);
}

/* make clean */
static void clean(const char *srcdir)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(srcdir);

	if (!d)
		die("open", srcdir);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n < 3 || (strcmp(de->d_name + n - 2, ".o") &&
			      strcmp(de->d_name + n - 2, ".d")))
			continue;
		join(path, srcdir, de->d_name);
		if (unlink(path))
			die("unlink", path);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: ccsim SRC TMP\n");
		return 2;
	}
	d = opendir(argv[1]);
	if (!d)
		die("open", argv[1]);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len > 2 && !strcmp(de->d_name + len - 2, ".c"))
			compile(argv[1], argv[2], de->d_name, n++);
	}
	closedir(d);
	run(ld, argv[1], NULL, NULL);
	clean(argv[1]);
	printf("ccsim: %d sources\n", n);
	return 0;
}
