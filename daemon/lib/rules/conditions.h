/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_CONDITIONS_H
#define C2A_CONDITIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "c2audit.h"

/*
 * The rules file's conditions of C2A_RULE_SIZE_VER1 (rules.h lists them):
 * parsing into a struct c2a_rule, and printing back.
 */
int cond_id_field(const char *name);		/* enum c2a_idfield, 0: none */
const char *cond_id_name(unsigned int field);
struct c2a_idmatch *cond_idmatch(struct c2a_rule *r, unsigned int field);
int cond_op(const char *s, size_t *len);	/* enum c2a_cmpop at @s, 0: none */
const char *cond_op_word(unsigned int op);

bool cond_parse_arg(struct c2a_rule *r, const char *word, char *err,
		    size_t len);
bool cond_parse_cmp(struct c2a_rule *r, char *v, char *err, size_t len);
bool cond_parse_exit(struct c2a_rule *r, bool negate, char *v, char *err,
		     size_t len);
bool cond_parse_perm(struct c2a_rule *r, const char *v, char *err,
		     size_t len);
bool cond_parse_i386(struct c2a_rule *r, char *v, char *err, size_t len);
/* cmp=, exit=, a0.., perm=, i386=, each with its leading blank */
void cond_format(const struct c2a_rule *r, struct buf *out);

#endif
