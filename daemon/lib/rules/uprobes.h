/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_UPROBES_H
#define C2A_UPROBES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * The rules file's uprobe statement:
 *
 *   uprobe [LIBRARY FUNCTION...]
 *
 * records every call of these functions of LIBRARY, an absolute path or a
 * file name looked for in the library directories. Without arguments it
 * stands for libcrypto's encryption set-up:
 *
 *   uprobe libcrypto.so.3 EVP_EncryptInit_ex EVP_CipherInit_ex EVP_SealInit
 *
 * Functions are found in the library's symbol tables when the statement is
 * read, so a missing library or function is an error of its line.
 */
#define UPROBE_DEFAULT_LIBRARY	"libcrypto.so.3"
#define UPROBE_DEFAULT_FUNCTIONS \
	"EVP_EncryptInit_ex", "EVP_CipherInit_ex", "EVP_SealInit"

/* A function of a library, where its code is in the file. */
struct uprobe_probe {
	char *path;		/* the library's real path */
	char *function;
	uint64_t offset;
	uint32_t id;		/* from the module: its probe id, */
	uint64_t hits;		/* and the calls it saw */
};

struct uprobe_set {
	struct uprobe_probe *probes;
	size_t count;
};

/* Resolves one statement's words (after "uprobe") into @set. */
bool uprobe_parse(struct uprobe_set *set, char **words, int n, char *err,
		  size_t errlen);
/* The statements that make @set again, one line per run of a library. */
void uprobe_format(const struct uprobe_set *set, struct buf *out);
void uprobe_set_free(struct uprobe_set *set);
void uprobe_add(struct uprobe_set *set, const char *path,
		const char *function, uint64_t offset);

#endif
