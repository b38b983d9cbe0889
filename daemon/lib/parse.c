// SPDX-License-Identifier: GPL-2.0
/* Words that several configuration files and commands take (parse.h). */
#include <string.h>

#include "parse.h"

bool parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on") ||
	    !strcmp(v, "1"))
		*out = true;
	else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "off") ||
		 !strcmp(v, "0"))
		*out = false;
	else
		return false;
	return true;
}
