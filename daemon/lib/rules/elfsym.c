// SPDX-License-Identifier: GPL-2.0
/* Function offsets in ELF files through libelf, for uprobes (elfsym.h). */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array_size.h"
#include "elfsym.h"
#include "log.h"

/* Where Debian's dynamic linker looks by default, multiarch first. */
static const char *const lib_dirs[] = {
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
	"/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib",
};

#define VERSYM_HIDDEN	0x8000	/* not the default version of its name */

struct elfsym {
	char *path;
	int fd;
	Elf *elf;
	Elf_Scn *dynsym, *symtab, *versym;
};

static char *real_path(const char *path, char *err, size_t errlen)
{
	char *real = realpath(path, NULL);

	if (!real)
		log_errmsg(err, errlen, "%s: %s", path, strerror(errno));
	return real;
}

char *elfsym_find_library(const char *name, char *err, size_t errlen)
{
	char path[PATH_MAX];

	if (strchr(name, '/')) {
		if (name[0] == '/')
			return real_path(name, err, errlen);
		log_errmsg(err, errlen, "%s: give an absolute path, or a file name to look for in the library directories",
		    name);
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(lib_dirs); i++) {
		snprintf(path, sizeof(path), "%s/%s", lib_dirs[i], name);
		if (!access(path, F_OK))
			return real_path(path, err, errlen);
	}
	log_errmsg(err, errlen, "%s: no such library in /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu, /lib64, /usr/lib64, /lib, /usr/lib or /usr/local/lib (install it, or give its absolute path)",
	    name);
	return NULL;
}

static bool elf_ready(char *err, size_t errlen)
{
	if (elf_version(EV_CURRENT) != EV_NONE)
		return true;
	log_errmsg(err, errlen, "libelf: %s", elf_errmsg(-1));
	return false;
}

/* Only x86-64 files: the records read arguments from its registers. */
static bool check_header(struct elfsym *e, char *err, size_t errlen)
{
	GElf_Ehdr eh;

	if (elf_kind(e->elf) != ELF_K_ELF) {
		log_errmsg(err, errlen, "%s: not an ELF file", e->path);
		return false;
	}
	if (!gelf_getehdr(e->elf, &eh)) {
		log_errmsg(err, errlen, "%s: %s", e->path, elf_errmsg(-1));
		return false;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64) {
		log_errmsg(err, errlen, "%s: not an x86-64 ELF file", e->path);
		return false;
	}
	if (eh.e_type != ET_DYN && eh.e_type != ET_EXEC) {
		log_errmsg(err, errlen, "%s: not a shared library or an executable",
		    e->path);
		return false;
	}
	return true;
}

static void find_tables(struct elfsym *e)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(e->elf, scn))) {
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_DYNSYM)
			e->dynsym = scn;
		else if (sh.sh_type == SHT_SYMTAB)
			e->symtab = scn;
		else if (sh.sh_type == SHT_GNU_versym)
			e->versym = scn;
	}
}

struct elfsym *elfsym_open(const char *path, char *err, size_t errlen)
{
	struct elfsym *e;

	if (!elf_ready(err, errlen))
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e || !(e->path = strdup(path)))
		fatal("out of memory");
	e->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (e->fd < 0) {
		log_errmsg(err, errlen, "%s: %s", path, strerror(errno));
		elfsym_close(e);
		return NULL;
	}
	e->elf = elf_begin(e->fd, ELF_C_READ, NULL);
	if (!e->elf) {
		log_errmsg(err, errlen, "%s: %s", path, elf_errmsg(-1));
		elfsym_close(e);
		return NULL;
	}
	if (!check_header(e, err, errlen)) {
		elfsym_close(e);
		return NULL;
	}
	find_tables(e);
	if (!e->dynsym && !e->symtab) {
		log_errmsg(err, errlen, "%s: no symbol table at all (stripped): its functions cannot be found",
		    path);
		elfsym_close(e);
		return NULL;
	}
	return e;
}

void elfsym_close(struct elfsym *e)
{
	if (!e)
		return;
	if (e->elf)
		elf_end(e->elf);
	if (e->fd >= 0)
		close(e->fd);
	free(e->path);
	free(e);
}

/* What a table says of a name, over all its entries of that name. */
struct lookup {
	const char *name;
	bool undefined;		/* an entry imports it */
	unsigned int ndefs;	/* entries defining it, and the preferred of */
	unsigned int npref;	/* them: global, default version */
	GElf_Sym def, pref;
	bool defs_differ;	/* entries at different addresses */
	bool prefs_differ;
};

static bool preferred(const struct elfsym *e, Elf_Scn *scn, size_t i,
		      const GElf_Sym *sym)
{
	Elf_Data *vd;
	GElf_Versym v;

	if (GELF_ST_BIND(sym->st_info) == STB_LOCAL)
		return false;
	if (scn != e->dynsym || !e->versym)
		return true;
	vd = elf_getdata(e->versym, NULL);
	return !vd || !gelf_getversym(vd, i, &v) || !(v & VERSYM_HIDDEN);
}

static void lookup_entry(const struct elfsym *e, Elf_Scn *scn, size_t i,
			 const GElf_Sym *sym, struct lookup *l)
{
	if (sym->st_shndx == SHN_UNDEF) {
		l->undefined = true;
		return;
	}
	if (l->ndefs++ && l->def.st_value != sym->st_value)
		l->defs_differ = true;
	l->def = *sym;
	if (!preferred(e, scn, i, sym))
		return;
	if (l->npref++ && l->pref.st_value != sym->st_value)
		l->prefs_differ = true;
	l->pref = *sym;
}

static void lookup_table(const struct elfsym *e, Elf_Scn *scn,
			 struct lookup *l)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	GElf_Shdr sh;
	GElf_Sym sym;

	if (!data || !gelf_getshdr(scn, &sh) || !sh.sh_entsize)
		return;
	for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
		const char *s;

		if (!gelf_getsym(data, i, &sym))
			break;
		s = elf_strptr(e->elf, sh.sh_link, sym.st_name);
		if (s && !strcmp(s, l->name))
			lookup_entry(e, scn, i, &sym, l);
	}
}

/* The file offset of @vaddr, which must lie in an executable segment. */
static int vaddr_offset(const struct elfsym *e, uint64_t vaddr,
			uint64_t *offset)
{
	size_t n;
	GElf_Phdr ph;

	if (elf_getphdrnum(e->elf, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!gelf_getphdr(e->elf, i, &ph) || ph.p_type != PT_LOAD ||
		    !(ph.p_flags & PF_X))
			continue;
		if (vaddr >= ph.p_vaddr && vaddr - ph.p_vaddr < ph.p_filesz) {
			*offset = vaddr - ph.p_vaddr + ph.p_offset;
			return 0;
		}
	}
	return -1;
}

static int not_found(const struct elfsym *e, const struct lookup *l,
		     char *err, size_t errlen)
{
	if (l->undefined)
		log_errmsg(err, errlen, "%s: %s is not defined there, only imported from another library: probe that one",
		    e->path, l->name);
	else if (!e->symtab)
		log_errmsg(err, errlen, "%s: no function %s among its exported symbols (the file has no full symbol table)",
		    e->path, l->name);
	else
		log_errmsg(err, errlen, "%s: no function %s in its symbol tables",
		    e->path, l->name);
	return -1;
}

static int check_symbol(const struct elfsym *e, const struct lookup *l,
			const GElf_Sym *sym, char *err, size_t errlen)
{
	if (l->npref ? l->prefs_differ : l->defs_differ) {
		log_errmsg(err, errlen, "%s: %s names several functions: cannot tell which to probe",
		    e->path, l->name);
		return -1;
	}
	if (GELF_ST_TYPE(sym->st_info) == STT_GNU_IFUNC) {
		log_errmsg(err, errlen, "%s: %s is an IFUNC, a resolver run once at load: probe the implementation it selects",
		    e->path, l->name);
		return -1;
	}
	if (GELF_ST_TYPE(sym->st_info) != STT_FUNC) {
		log_errmsg(err, errlen, "%s: %s is not a function", e->path, l->name);
		return -1;
	}
	return 0;
}

int elfsym_offset(struct elfsym *e, const char *name, uint64_t *offset,
		  char *err, size_t errlen)
{
	Elf_Scn *tables[] = { e->dynsym, e->symtab };
	struct lookup l = { .name = name };
	const GElf_Sym *sym;

	/* The exported definition first; a full table only past it. */
	for (size_t t = 0; t < ARRAY_SIZE(tables) && !l.ndefs; t++)
		if (tables[t])
			lookup_table(e, tables[t], &l);
	if (!l.ndefs)
		return not_found(e, &l, err, errlen);
	sym = l.npref ? &l.pref : &l.def;
	if (check_symbol(e, &l, sym, err, errlen))
		return -1;
	if (vaddr_offset(e, sym->st_value, offset)) {
		log_errmsg(err, errlen, "%s: %s is not in an executable segment of the file",
		    e->path, name);
		return -1;
	}
	return 0;
}
