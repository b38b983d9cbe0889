// SPDX-License-Identifier: GPL-2.0
/*
 * obstest: the observer ioctls (c2audit trace's channel) at the ABI:
 * argument checks, the descriptor's semantics, its own stream of ids and
 * loss markers, and that its loss is not the trail's. Prints what it saw
 * and exits 0 when every check holds.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "c2audit.h"
#include "check.h"


static struct c2a_record recs[4096];

static int observe(int q, pid_t pid, uint32_t flags, uint32_t hooks,
		   uint32_t slots)
{
	struct c2a_observe o = { .size = sizeof(o), .pid = pid, .flags = flags,
				 .lsm_hooks = hooks, .slots = slots };

	return ioctl(q, C2A_IOC_OBSERVE, &o);
}

static void observe_fails(int q, pid_t pid, uint32_t flags, uint32_t hooks,
			  uint32_t slots, int err, const char *what)
{
	int fd = observe(q, pid, flags, hooks, slots);

	CHECK(fd < 0 && errno == err, "%s: got %d (%s), want %s", what, fd,
	      fd < 0 ? strerror(errno) : "an fd", strerror(err));
}

static volatile pid_t thread_id;

static void *idle(void *arg)
{
	thread_id = gettid();
	pause();
	return arg;
}

static void check_arguments(int q)
{
	struct c2a_observe o = { .size = sizeof(o), .pid = getpid(), .__pad = 1 };
	int fds[C2A_OBSERVERS_MAX], i;
	pthread_t th;

	observe_fails(q, getpid(), 0x80, 0, 0, EINVAL, "unknown flag");
	observe_fails(q, 0, 0, 0, 0, EINVAL, "pid 0");
	observe_fails(q, getpid(), 0, 1u << C2A_LSM_capable, 0, EINVAL,
		      "hooks without C2A_OBS_LSM");
	observe_fails(q, getpid(), C2A_OBS_LSM, 1, 0, EINVAL, "hook 0");
	observe_fails(q, getpid(), C2A_OBS_LSM, 1u << C2A_LSM_COUNT, 0, EINVAL,
		      "a hook beyond the last");
	observe_fails(q, getpid(), 0, 0, 100, EINVAL, "100 slots");
	observe_fails(q, getpid(), 0, 0, 1u << 17, EINVAL, "2^17 slots");
	observe_fails(q, 999999, 0, 0, 0, ESRCH, "no such process");
	CHECK(ioctl(q, C2A_IOC_OBSERVE, &o) < 0 && errno == EINVAL, "padding");
	/* A thread's id is not a process to follow. */
	CHECK(!pthread_create(&th, NULL, idle, NULL), "pthread_create");
	while (!thread_id)
		usleep(1000);
	observe_fails(q, thread_id, 0, 0, 0, ESRCH, "a thread");
	for (i = 0; i < C2A_OBSERVERS_MAX; i++) {
		fds[i] = observe(q, getpid(), 0, 0, 0);
		CHECK(fds[i] >= 0, "observer %d: %s", i, strerror(errno));
	}
	observe_fails(q, getpid(), 0, 0, 0, EBUSY, "one observer too many");
	for (i = 0; i < C2A_OBSERVERS_MAX; i++)
		close(fds[i]);
	CHECK((fds[0] = observe(q, getpid(), 0, 0, 0)) >= 0,
	      "no observer once the others closed: %s", strerror(errno));
	close(fds[0]);
	printf("arguments checked\n");
}

static void check_descriptor(int q)
{
	struct c2a_observer_stats st = { .size = sizeof(st) };
	int fd = observe(q, getpid(), 0, 0, 0);
	char small[16];

	CHECK(fd >= 0, "observe: %s", strerror(errno));
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC, "not close-on-exec");
	CHECK(read(fd, small, sizeof(small)) < 0 && errno == EINVAL,
	      "a read of less than a record");
	fcntl(fd, F_SETFL, O_NONBLOCK);
	CHECK(read(fd, recs, sizeof(recs)) < 0 && errno == EAGAIN,
	      "an empty observer's read");
	CHECK(write(fd, small, 1) < 0, "write succeeded");
	CHECK(lseek(fd, 0, SEEK_SET) < 0 && errno == ESPIPE, "lseek");
	CHECK(!ioctl(fd, C2A_IOC_OBSERVER_STATS, &st), "stats: %s", strerror(errno));
	CHECK(st.processes == 1 && !st.dropped, "stats: %u processes, %llu dropped",
	      st.processes, (unsigned long long)st.dropped);
	CHECK(ioctl(fd, C2A_IOC_GET_STATUS, &st) < 0 && errno == ENOTTY,
	      "a /dev/audit ioctl on an observer");
	close(fd);
	printf("descriptor checked\n");
}

/* A child that opens @path @n times once told to, then exits. */
static pid_t opener(const char *path, int n, int *go)
{
	int p[2];
	pid_t pid;
	char c;

	CHECK(!pipe(p), "pipe");
	pid = fork();
	if (!pid) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(1);
		while (n--)
			close(open(path, O_RDONLY));
		_exit(0);
	}
	close(p[0]);
	*go = p[1];
	return pid;
}

static uint64_t trail_dropped(int q)
{
	struct c2a_status st = { .size = sizeof(st) };

	CHECK(!ioctl(q, C2A_IOC_GET_STATUS, &st), "status: %s", strerror(errno));
	return st.total.dropped;
}

/* Its own ids, from 1 with no gap; a full ring drops with a marker. */
static void check_stream(int q)
{
	struct c2a_observer_stats st = { .size = sizeof(st) };
	uint64_t before = trail_dropped(q), next = 1, lost = 0, opens = 0;
	int go, fd, status;
	pid_t pid = opener("/etc/c2audit/c2auditd.conf", 300, &go);
	ssize_t n;

	fd = observe(q, pid, 0, 0, 64);
	CHECK(fd >= 0, "observe: %s", strerror(errno));
	CHECK(write(go, "g", 1) == 1, "go");
	waitpid(pid, &status, 0);
	/* The marker takes a slot: it comes once the full ring is read. */
	fcntl(fd, F_SETFL, O_NONBLOCK);
	for (n = 0;;) {
		ssize_t got = read(fd, (char *)recs + n, sizeof(recs) - n);

		if (got <= 0)
			break;
		n += got;
	}
	CHECK(n > 0, "read: %s", strerror(errno));
	for (ssize_t i = 0; i < n / C2A_RECORD_SIZE; i++) {
		const struct c2a_record *r = &recs[i];

		CHECK(r->hdr.cpu == 0, "cpu %u in an observer's stream", r->hdr.cpu);
		if (r->hdr.type == C2A_REC_LOSS) {
			CHECK(r->loss.first_seq == (unsigned long long)next, "lost from %llu, expected %llu",
			      (unsigned long long)r->loss.first_seq,
			      (unsigned long long)next);
			CHECK(r->loss.reasons == C2A_LOSS_RING_FULL, "reasons %#x",
			      r->loss.reasons);
			next += r->loss.count;
			lost += r->loss.count;
		}
		CHECK(r->hdr.seq == (unsigned long long)next, "id %llu, expected %llu",
		      (unsigned long long)r->hdr.seq, (unsigned long long)next);
		next++;
		if (r->hdr.type == C2A_REC_SYSCALL) {
			CHECK(r->ev.subj.tgid == (uint32_t)pid, "a record of pid %u",
			      r->ev.subj.tgid);
			opens += r->ev.u.sys.sysid == C2A_SYS_openat;
		}
	}
	CHECK(!ioctl(fd, C2A_IOC_OBSERVER_STATS, &st), "stats: %s", strerror(errno));
	CHECK(lost && st.dropped == (unsigned long long)lost, "lost %llu, dropped %llu",
	      (unsigned long long)lost, (unsigned long long)st.dropped);
	CHECK(opens + lost >= 300, "%llu opens and %llu lost of 300",
	      (unsigned long long)opens, (unsigned long long)lost);
	CHECK(trail_dropped(q) == before, "the observer's loss counted in the trail");
	close(fd);
	printf("stream: %llu records, %llu lost in a ring of 64, none in the trail\n",
	       (unsigned long long)(next - 1 - lost), (unsigned long long)lost);
}

int main(void)
{
	int q = open(C2A_DEVICE, O_ACCMODE);

	setvbuf(stdout, NULL, _IOLBF, 0);
	CHECK(q >= 0, "%s: %s", C2A_DEVICE, strerror(errno));
	check_arguments(q);
	check_descriptor(q);
	check_stream(q);
	close(q);
	return 0;
}
