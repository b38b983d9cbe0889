// SPDX-License-Identifier: GPL-2.0
/*
 * sc_system KO: host and domain names, time, modules (KO is a module that
 * is already loaded, so loading it again fails with EEXIST after the
 * kernel has read it), kexec (unloading, and a file that is no kernel),
 * reboot, bpf, perf_event_open, adjtimex, clock_adjtime, io_uring_setup.
 * Harmless values only: the time is set to itself.
 */
#include <fcntl.h>
#include <linux/kexec.h>
#include <linux/reboot.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>

#include "expect.h"

static void names(void)
{
	ex_call("sethostname", SYS_sethostname, "c2a-host", 8);
	ex_add("hostname", "c2a-host");
	ex_end();
	ex_call("setdomainname", SYS_setdomainname, "c2a.test", 8);
	ex_add("hostname", "c2a.test");
	ex_end();
}

static void times(void)
{
	struct timeval tv;
	struct timespec ts;
	struct timex tx = { 0 };
	char when[64];
	struct tm tm;

	gettimeofday(&tv, NULL);
	ex_call("settimeofday", SYS_settimeofday, &tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	ex_add("new_time", "%s.%06ld000Z", when, (long)tv.tv_usec);
	ex_add("clock", "0");
	ex_end();
	clock_gettime(CLOCK_REALTIME, &ts);
	ex_call("clock_settime", SYS_clock_settime, CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	ex_add("new_time", "%s.%09ldZ", when, ts.tv_nsec);
	ex_end();
	ex_call("adjtimex", SYS_adjtimex, &tx);
	ex_end();
	/* modes 0: reads the clock's state, changes nothing */
	tx = (struct timex){ 0 };
	ex_call("clock_adjtime", SYS_clock_adjtime, CLOCK_REALTIME, &tx);
	ex_add("clock", "0");
	ex_end();
	ex_call("clock_adjtime", SYS_clock_adjtime, CLOCK_MONOTONIC, &tx);
	ex_add("clock", "%d", CLOCK_MONOTONIC);
	ex_end();
}

/*
 * kexec: nothing loaded, so unloading succeeds; a file that is not a
 * kernel (the module) is read and refused, its path and the initrd's in
 * the record.
 */
static void kexec(const char *ko)
{
	int kfd = open(ko, O_RDONLY), ifd = open("/bin/busybox", O_RDONLY);

	ex_call("kexec_load", SYS_kexec_load, 0, 0, NULL, KEXEC_ARCH_DEFAULT);
	ex_end();
	ex_call("kexec_file_load", SYS_kexec_file_load, kfd, ifd, 1, "", 0);
	ex_add("path", "%s", ko);
	ex_add("path2", "/bin/busybox");
	ex_end();
	ex_call("kexec_file_load", SYS_kexec_file_load, -1, -1, 0, NULL,
		KEXEC_FILE_UNLOAD);
	ex_end();
	close(kfd);
	close(ifd);
}

static void modules(const char *ko)
{
	int fd = open(ko, O_RDONLY);
	struct stat st;
	void *img;

	if (fd < 0 || fstat(fd, &st))
		exit(1);
	img = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	ex_call("init_module", SYS_init_module, img, st.st_size, "");
	ex_add("module", "c2audit");
	ex_end();
	ex_call("init_module", SYS_init_module, "not an ELF image", 16, "");
	ex_end();
	ex_call("finit_module", SYS_finit_module, fd, "", 0);
	ex_add("module", "c2audit");
	ex_add("path", "%s", ko);
	ex_end();
	ex_call("delete_module", SYS_delete_module, "c2a_nonexistent", 0);
	ex_add("module", "c2a_nonexistent");
	ex_end();
	munmap(img, st.st_size);
	close(fd);
}

static void others(void)
{
	ex_call("reboot", SYS_reboot, 1, 2, LINUX_REBOOT_CMD_CAD_ON, NULL);
	ex_end();
	ex_call("bpf", SYS_bpf, 5, NULL, 0);
	ex_end();
	ex_call("perf_event_open", SYS_perf_event_open, NULL, 0, -1, -1, 0);
	ex_end();
	ex_call("io_uring_setup", SYS_io_uring_setup, 0, NULL);
	ex_end();
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	names();
	times();
	modules(argv[1]);
	kexec(argv[1]);
	others();
	return 0;
}
