/* SPDX-License-Identifier: GPL-2.0 */
#ifndef C2A_SYSNR_H
#define C2A_SYSNR_H

/*
 * The name of syscall @nr in the table of @arch (enum c2a_arch), for any
 * syscall, audited or not (LSM records say which one a hook ran in). NULL
 * when unknown. The tables come from this system's <asm/unistd_*.h>.
 */
const char *sysnr_name(unsigned int arch, unsigned int nr);

#endif
