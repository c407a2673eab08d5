/*
 * POSIX message queues through the raw syscalls: mq_open (mode and struct mq_attr only
 * with O_CREAT), mq_timedsend, mq_timedreceive (the priority as [3]), mq_getsetattr
 * (mq_flags as O_NONBLOCK), mq_notify's struct sigevent by notification type, mq_unlink.
 * Every queue is unlinked, even when a check fails.
 */
#include "mem.h"
#include <fcntl.h>


static const char *mq_attr(const struct mq_attr *a)
{
	char *res = scratch();
	sprintf(res, "{mq_flags=%s, mq_maxmsg=%ld, mq_msgsize=%ld, mq_curmsgs=%ld}",
		a->mq_flags == O_NONBLOCK ? "O_NONBLOCK" : a->mq_flags ? "?" : "0", a->mq_maxmsg, a->mq_msgsize,
		a->mq_curmsgs);
	return res;
}

int main(void)
{
	static char name[32], other[32];
	int suffix = ipc_private_namespace() ? 1 : getpid();
	sprintf(name, "jstrace.mq.%d", suffix);
	sprintf(other, "jstrace.mq2.%d", suffix);
	mq_track(name);
	mq_track(other);

	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 }, old;
	long q = S(SYS_mq_open, name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
	must(q >= 0, "mq_open");
	expect("mq_open(%s, O_RDWR|O_CREAT|O_EXCL, 0600, %s)", qpath(name), mq_attr(&attr));
	expect_rval("%ld", q);
	expect("mq_open(%s, O_RDWR|O_CREAT|O_EXCL, 0600, %s)", qpath(name), mq_attr(&attr));
	CALL_RVAL(S(SYS_mq_open, name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr));
	expect("mq_open(%s, O_RDONLY)", qpath(other));
	CALL_RVAL(S(SYS_mq_open, other, O_RDONLY, 0600, &attr));
	long o = S(SYS_mq_open, other, O_WRONLY | O_CREAT | O_NONBLOCK, 0640, NULL);
	must(o >= 0, "mq_open other");
	expect("mq_open(%s, O_WRONLY|O_CREAT|O_NONBLOCK, 0640, NULL)", qpath(other));
	expect_rval("%ld", o);
	expect("mq_open(%s, O_RDWR|O_CREAT, 0600, 0xffffffffffffffff)", qpath(other));
	CALL_RVAL(S(SYS_mq_open, other, O_RDWR | O_CREAT, 0600, -1L));
	expect("mq_open(0xffffffffffffffff, O_RDONLY)");
	CALL_RVAL(S(SYS_mq_open, -1L, O_RDONLY, 0, NULL));

	struct timespec ts = { 0, 1000 };
	expect("mq_timedsend(%ld, \"first message\", 13, 3, NULL)", q);
	CALL_RVAL(S(SYS_mq_timedsend, q, "first message", 13, 3, NULL));
	expect("mq_timedsend(%ld, \"hi\", 2, 1, {tv_sec=0, tv_nsec=1000})", q);
	CALL_RVAL(S(SYS_mq_timedsend, q, "hi", 2, 1, &ts));
	static char big[100] = "too long";
	expect("mq_timedsend(%ld, %s, 100, 0, NULL)", q, qbuf(big, 100));
	CALL_RVAL(S(SYS_mq_timedsend, q, big, 100, 0, NULL));
	expect("mq_timedsend(%ld, 0xffffffffffffffff, 1, 0, NULL)", q);
	CALL_RVAL(S(SYS_mq_timedsend, q, -1L, 1, 0, NULL));

	char buf[64];
	unsigned prio = 0;
	long n = S(SYS_mq_timedreceive, q, buf, 64, &prio, NULL);
	must(n == 13, "mq_timedreceive");
	expect("mq_timedreceive(%ld, \"first message\", 64, [3], NULL)", q);
	expect_rval("13");
	n = S(SYS_mq_timedreceive, q, buf, 64, NULL, &ts);
	must(n == 2, "mq_timedreceive 2");
	expect("mq_timedreceive(%ld, \"hi\", 64, NULL, {tv_sec=0, tv_nsec=1000})", q);
	expect_rval("2");
	expect("mq_timedreceive(%ld, %s, 64, %s, {tv_sec=0, tv_nsec=1000})", q, addr(buf), addr(&prio));
	CALL_RVAL(S(SYS_mq_timedreceive, q, buf, 64, &prio, &ts));
	expect("mq_timedreceive(%ld, %s, 8, %s, NULL)", q, addr(buf), addr(&prio));
	CALL_RVAL(S(SYS_mq_timedreceive, q, buf, 8, &prio, NULL));

	must(S(SYS_mq_getsetattr, q, NULL, &old) == 0, "mq_getsetattr");
	expect("mq_getsetattr(%ld, NULL, %s)", q, mq_attr(&old));
	expect_rval("0");
	attr.mq_flags = O_NONBLOCK;
	must(S(SYS_mq_getsetattr, q, &attr, &old) == 0, "mq_getsetattr set");
	expect("mq_getsetattr(%ld, %s, %s)", q, mq_attr(&attr), mq_attr(&old));
	expect_rval("0");
	expect("mq_getsetattr(%ld, %s, NULL)", q, mq_attr(&old));
	CALL_RVAL(S(SYS_mq_getsetattr, q, &old, NULL));
	expect("mq_getsetattr(%ld, 0xffffffffffffffff, %s)", q, addr(&old));
	CALL_RVAL(S(SYS_mq_getsetattr, q, -1L, &old));

	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_int = 42;
	expect("mq_notify(%ld, {sigev_value={sival_int=42, sival_ptr=0x2a}, sigev_signo=SIGUSR1, "
	       "sigev_notify=SIGEV_SIGNAL})", q);
	CALL_RVAL(S(SYS_mq_notify, q, &sev));
	expect("mq_notify(%ld, NULL)", q);
	CALL_RVAL(S(SYS_mq_notify, q, NULL));
	sev.sigev_notify = SIGEV_NONE;
	sev.sigev_value.sival_ptr = NULL;
	/* a zero sigev_value is left out */
	expect("mq_notify(%ld, {sigev_signo=10, sigev_notify=SIGEV_NONE})", q);
	CALL_RVAL(S(SYS_mq_notify, q, &sev));
	expect("mq_notify(%ld, NULL)", q);
	CALL_RVAL(S(SYS_mq_notify, q, NULL));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGTERM;
	expect("mq_notify(%ld, {sigev_signo=SIGTERM, sigev_notify=SIGEV_SIGNAL})", q);
	CALL_RVAL(S(SYS_mq_notify, q, &sev));
	expect("mq_notify(%ld, NULL)", q);
	CALL_RVAL(S(SYS_mq_notify, q, NULL));
	sev.sigev_notify = SIGEV_THREAD;
	sev.sigev_signo = 0;
	sev.sigev_value.sival_ptr = (void *) 0x123456789a;
	expect("mq_notify(%ld, {sigev_value={sival_int=878082202, sival_ptr=0x123456789a}, sigev_signo=0, "
	       "sigev_notify=SIGEV_THREAD, sigev_notify_function=NULL, sigev_notify_attributes=NULL})", q);
	CALL_RVAL(S(SYS_mq_notify, q, &sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = 35; /* strace names real-time signals from 32 */
	sev._sigev_un._tid = getpid();
	expect("mq_notify(%ld, {sigev_value={sival_int=878082202, sival_ptr=0x123456789a}, sigev_signo=SIGRT_3, "
	       "sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=%d})", q, getpid());
	CALL_RVAL(S(SYS_mq_notify, q, &sev));
	sev.sigev_notify = 77;
	sev.sigev_signo = 99;
	expect("mq_notify(%ld, {sigev_value={sival_int=878082202, sival_ptr=0x123456789a}, sigev_signo=99, "
	       "sigev_notify=0x4d /* SIGEV_??? */})", q);
	CALL_RVAL(S(SYS_mq_notify, q, &sev));
	expect("mq_notify(%ld, 0xffffffffffffffff)", q);
	CALL_RVAL(S(SYS_mq_notify, q, -1L));

	close(q);
	close(o);
	expect("mq_unlink(%s)", qpath(name));
	CALL_RVAL(S(SYS_mq_unlink, name));
	expect("mq_unlink(%s)", qpath(other));
	CALL_RVAL(S(SYS_mq_unlink, other));
	expect("mq_unlink(%s)", qpath(other));
	CALL_RVAL(S(SYS_mq_unlink, other));
	mq_names[0] = mq_names[1] = NULL;

	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
