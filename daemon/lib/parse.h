/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_PARSE_H
#define C2A_PARSE_H

#include <stdbool.h>

/*
 * Words that the outputs' sections of c2auditd.conf, rules.conf's set
 * statements and `c2audit set` all take. Each returns false, leaving
 * *@out alone, when @v is not one of them.
 */

/* yes, true, on, 1; no, false, off, 0. */
bool parse_bool(const char *v, bool *out);

#endif
