// SPDX-License-Identifier: GPL-2.0
/*
 * Function offsets found with libelf must point at the function's code:
 * the bytes at the offset in the file are those the running process
 * executes. And every way a lookup fails says so.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "elfsym.h"
#include "rules.h"
#include "suites.h"

static char err[1024];

/* The file's bytes at @offset are the code at @fn in memory. */
static void same_code(const char *path, uint64_t offset, const void *fn)
{
	unsigned char buf[32];
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pread(fd, buf, sizeof(buf), offset), sizeof(buf));
	close(fd);
	ck_assert_mem_eq(buf, fn, sizeof(buf));
}

START_TEST(own_function_through_symtab)
{
	char *self = realpath("/proc/self/exe", NULL);
	struct elfsym *e = elfsym_open(self, err, sizeof(err));
	uint64_t off;

	ck_assert_msg(e, "%s", err);
	ck_assert_msg(!elfsym_offset(e, "elfsym_close", &off, err, sizeof(err)),
		      "%s", err);
	same_code(self, off, (const void *)elfsym_close);
	/* imported, not defined here */
	ck_assert_int_eq(elfsym_offset(e, "malloc", &off, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "malloc is not defined there, only imported"));
	elfsym_close(e);
	free(self);
}
END_TEST

START_TEST(library_function_through_dynsym)
{
	char *libc = elfsym_find_library("libc.so.6", err, sizeof(err));
	struct elfsym *e;
	uint64_t off;

	ck_assert_msg(libc, "%s", err);
	ck_assert(libc[0] == '/');
	e = elfsym_open(libc, err, sizeof(err));
	ck_assert_msg(e, "%s", err);
	ck_assert_msg(!elfsym_offset(e, "getpid", &off, err, sizeof(err)), "%s", err);
	same_code(libc, off, (const void *)getpid);
	ck_assert_int_eq(elfsym_offset(e, "memcpy", &off, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "memcpy is an IFUNC"));
	ck_assert_int_eq(elfsym_offset(e, "no_such_function_here", &off, err,
				       sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "no function no_such_function_here among its exported symbols"));
	elfsym_close(e);
	free(libc);
}
END_TEST

START_TEST(errors_are_explained)
{
	char path[] = "/tmp/check_elfsym_XXXXXX";
	int fd = mkstemp(path);

	ck_assert(!elfsym_find_library("libnothere.so.9", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "libnothere.so.9: no such library in"));
	ck_assert(!elfsym_find_library("lib/x.so", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "give an absolute path"));
	ck_assert(!elfsym_find_library("/nonexistent/x.so", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "No such file or directory"));
	ck_assert_int_eq(write(fd, "not elf\n", 8), 8);
	close(fd);
	ck_assert(!elfsym_open(path, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, ": not an ELF file"));
	unlink(path);
	/* static and stripped: not even dynamic symbols */
	ck_assert(!elfsym_open("/bin/busybox", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "no symbol table at all (stripped)"));
}
END_TEST

static int parse(const char *text, struct ruleset *rs)
{
	char path[] = "/tmp/check_uprobe_XXXXXX";
	int fd = mkstemp(path), ret;

	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	ret = ruleset_parse_file(path, rs);
	unlink(path);
	return ret;
}

/* The bare statement is libcrypto's set-up; what it prints loads back. */
START_TEST(uprobe_statement_round_trip)
{
	struct ruleset rs, again;
	struct buf out = { 0 };

	ck_assert_int_eq(parse("uprobe\nuprobe libc.so.6 getpid\n", &rs), 0);
	ck_assert_uint_eq(rs.uprobes.count, 4);
	ck_assert_str_eq(rs.uprobes.probes[0].function, "EVP_EncryptInit_ex");
	ck_assert_str_eq(rs.uprobes.probes[2].function, "EVP_SealInit");
	ck_assert_ptr_nonnull(strstr(rs.uprobes.probes[0].path, "/libcrypto.so.3"));
	uprobe_format(&rs.uprobes, &out);
	ck_assert_int_eq(parse(buf_cstr(&out), &again), 0);
	ck_assert_uint_eq(again.uprobes.count, 4);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_str_eq(again.uprobes.probes[i].path, rs.uprobes.probes[i].path);
		ck_assert_str_eq(again.uprobes.probes[i].function,
				 rs.uprobes.probes[i].function);
		ck_assert_uint_eq(again.uprobes.probes[i].offset,
				  rs.uprobes.probes[i].offset);
	}
	ck_assert_int_eq(strchr(buf_cstr(&out), '\n') - buf_cstr(&out),
			 strlen("uprobe ") + strlen(rs.uprobes.probes[0].path) +
			 strlen(" EVP_EncryptInit_ex EVP_CipherInit_ex EVP_SealInit"));
	ruleset_free(&rs);
	ruleset_free(&again);
	buf_free(&out);
	/* twice the same function, a bad name, after lock */
	ck_assert_int_eq(parse("uprobe libc.so.6 getpid getpid\n", &rs), -1);
	ck_assert_int_eq(parse("uprobe libc.so.6 get-pid\n", &rs), -1);
	ck_assert_int_eq(parse("lock\nuprobe\n", &rs), -1);
}
END_TEST

Suite *elfsym_suite(void)
{
	Suite *s = suite_create("elfsym");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, own_function_through_symtab);
	tcase_add_test(tc, library_function_through_dynsym);
	tcase_add_test(tc, errors_are_explained);
	tcase_add_test(tc, uprobe_statement_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
