// SPDX-License-Identifier: GPL-2.0
/* Syscall numbers to names, for every syscall of x86_64 and i386. */
#include <stddef.h>

#include "array_size.h"
#include "c2audit.h"
#include "sysnr.h"

#define SYSNR(nr, name) [nr] = #name,
static const char *const names64[] = {
#include "sysnr64.h"
};

static const char *const names32[] = {
#include "sysnr32.h"
};
#undef SYSNR

#define X32_SYSCALL_BIT	0x40000000U

const char *sysnr_name(unsigned int arch, unsigned int nr)
{
	switch (arch) {
	case C2A_ARCH_X32:
		/* Below 512 x32 shares the 64-bit numbers. */
		nr &= ~X32_SYSCALL_BIT;
		if (nr >= 512)
			return NULL;
		/* fall through */
	case C2A_ARCH_X86_64:
		return nr < ARRAY_SIZE(names64) ? names64[nr] : NULL;
	case C2A_ARCH_I386:
		return nr < ARRAY_SIZE(names32) ? names32[nr] : NULL;
	}
	return NULL;
}
