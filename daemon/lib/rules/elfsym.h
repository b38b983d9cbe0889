/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_ELFSYM_H
#define C2A_ELFSYM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Where a function's first instruction lies in its ELF file, read with
 * libelf: what a uprobe is set on. Errors are written to @err as one line
 * that names the file and says what to do.
 */
struct elfsym;

/* The real path of a library: a name is looked for in the system's library
 * directories, a path is taken as it is. NULL when not found. */
char *elfsym_find_library(const char *name, char *err, size_t errlen);

struct elfsym *elfsym_open(const char *path, char *err, size_t errlen);
/* The file offset of function @name; 0, or -1 with @err set. */
int elfsym_offset(struct elfsym *e, const char *name, uint64_t *offset,
		  char *err, size_t errlen);
void elfsym_close(struct elfsym *e);

#endif
