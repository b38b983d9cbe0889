/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_SUBJECT_H
#define _C2A_SUBJECT_H

#include "c2audit.h"

struct c2a_builder;

void c2a_subject_fill(struct c2a_subject *s);
void c2a_subject_add_exe(struct c2a_builder *b);

#endif /* _C2A_SUBJECT_H */
