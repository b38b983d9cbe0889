/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _C2A_DEVICE_H
#define _C2A_DEVICE_H

#include <linux/types.h>

struct file;

int c2a_device_init(void);
void c2a_device_exit(void);
void c2a_reader_kick(u64 fill);
bool c2a_file_can_change(const struct file *file);

long c2a_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
long c2a_change_begin(u32 item);

#endif /* _C2A_DEVICE_H */
