/*
 * Native AIO (io_setup, io_submit, io_getevents, io_pgetevents, io_cancel, io_destroy):
 * one request at a time so that completions come back in a known order, with the iocb
 * fields strace prints for each opcode (buffer, iovecs, poll events, RWF_ flags, an
 * eventfd for IOCB_FLAG_RESFD) and the io_events that come back.
 */
#include "fsio.h"
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/fs.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>

static aio_context_t ctx;
static const char *ctxs;

static void submit_one(struct iocb *cb, const char *fields, long want)
{
	struct iocb *cbs[] = { cb };
	long r = S(SYS_io_submit, ctx, 1L, cbs);
	check(r == want || (want < 0 && r == -1), "io_submit");
	expect("io_submit(%s, 1, [{%s}])", ctxs, fields);
	expect_rval("%s", rval(r));
}

/* Collects exactly one completion of cb and checks its result. */
static void collect(struct iocb *cb, long res, int pgetevents)
{
	struct io_event ev[4];
	struct timespec ts = { 5, 0 };
	long r = pgetevents ? S(SYS_io_pgetevents, ctx, 1L, 4L, ev, NULL, NULL) : S(SYS_io_getevents, ctx, 1L, 4L, ev, &ts);
	check(r == 1 && ev[0].obj == (unsigned long) cb && ev[0].res == res, "one event");
	expect("%s(%s, 1, 4, [{data=%#llx, obj=%s, res=%lld, res2=0}], %s)", pgetevents ? "io_pgetevents" : "io_getevents",
	       ctxs, (unsigned long long) ev[0].data, addr(cb), (long long) ev[0].res,
	       pgetevents ? "NULL, NULL" : "{tv_sec=5, tv_nsec=0}");
	expect_rval("1");
}

int main(void)
{
	int fd = S(SYS_open, "aio.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int efd = eventfd(0, 0);
	int p[2];
	check(fd >= 0 && efd >= 0 && pipe(p) == 0 && write(p[1], "x", 1) == 1, "setup");

	check(S(SYS_io_setup, 8, &ctx) == 0, "io_setup");
	char *c = strdup(addr((void *) ctx));
	ctxs = c;
	expect("io_setup(8, [%s])", ctxs);
	expect_rval("0");
	aio_context_t unused;
	long r = S(SYS_io_setup, 0, &unused);
	expect("io_setup(0, %s)", addr(&unused));
	expect_rval("%s", rval(r));
	r = S(SYS_io_setup, 1, NULL);
	expect("io_setup(1, NULL)");
	expect_rval("%s", rval(r));

	static char data[] = "hello aio", rbuf[16];
	char fields[512];
	struct iocb w = { .aio_data = 0x1234, .aio_lio_opcode = IOCB_CMD_PWRITE, .aio_fildes = fd,
			  .aio_buf = (unsigned long) data, .aio_nbytes = 9 };
	snprintf(fields, sizeof(fields), "aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=%d, "
		 "aio_buf=\"hello aio\", aio_nbytes=9, aio_offset=0", fd);
	submit_one(&w, fields, 1);
	collect(&w, 9, 0);

	struct iocb rd = { .aio_data = 2, .aio_lio_opcode = IOCB_CMD_PREAD, .aio_reqprio = 1, .aio_fildes = fd,
			   .aio_buf = (unsigned long) rbuf, .aio_nbytes = 5, .aio_offset = 4 };
	snprintf(fields, sizeof(fields), "aio_data=0x2, aio_lio_opcode=IOCB_CMD_PREAD, aio_reqprio=1, aio_fildes=%d, "
		 "aio_buf=%s, aio_nbytes=5, aio_offset=4", fd, addr(rbuf));
	submit_one(&rd, fields, 1);
	collect(&rd, 5, 1);

	struct iovec iov[2] = { { data, 3 }, { data + 3, 2 } };
	struct iocb wv = { .aio_rw_flags = RWF_DSYNC, .aio_lio_opcode = IOCB_CMD_PWRITEV, .aio_fildes = fd,
			   .aio_buf = (unsigned long) iov, .aio_nbytes = 2, .aio_offset = 100,
			   .aio_flags = IOCB_FLAG_RESFD, .aio_resfd = efd };
	snprintf(fields, sizeof(fields), "aio_data=0, aio_rw_flags=RWF_DSYNC, aio_lio_opcode=IOCB_CMD_PWRITEV, "
		 "aio_fildes=%d, aio_buf=[{iov_base=\"hel\", iov_len=3}, {iov_base=\"lo\", iov_len=2}], aio_offset=100, "
		 "aio_flags=IOCB_FLAG_RESFD, aio_resfd=%d", fd, efd);
	submit_one(&wv, fields, 1);
	collect(&wv, 5, 0);

	struct iocb rv = { .aio_data = 0xfeedface, .aio_lio_opcode = IOCB_CMD_PREADV, .aio_fildes = fd,
			   .aio_buf = (unsigned long) iov, .aio_nbytes = 2, .aio_offset = 0 };
	snprintf(fields, sizeof(fields), "aio_data=0xfeedface, aio_lio_opcode=IOCB_CMD_PREADV, aio_fildes=%d, "
		 "aio_buf=[{iov_base=%s, iov_len=3}, {iov_base=%s, iov_len=2}], aio_offset=0", fd, addr(data),
		 addr(data + 3));
	submit_one(&rv, fields, 1);
	collect(&rv, 5, 0);

	struct iocb pl = { .aio_data = 5, .aio_lio_opcode = IOCB_CMD_POLL, .aio_fildes = p[0], .aio_buf = POLLIN };
	snprintf(fields, sizeof(fields), "aio_data=0x5, aio_lio_opcode=IOCB_CMD_POLL, aio_fildes=%d, aio_buf=POLLIN",
		 p[0]);
	submit_one(&pl, fields, 1);
	collect(&pl, POLLIN, 0);

	struct iocb bad = { .aio_lio_opcode = 99, .aio_fildes = fd };
	snprintf(fields, sizeof(fields), "aio_data=0, aio_lio_opcode=99 /* IOCB_CMD_??? */, aio_fildes=%d", fd);
	submit_one(&bad, fields, -1);

	struct iocb huge = w;
	huge.aio_nbytes = -1;
	huge.aio_resfd = 5;
	snprintf(fields, sizeof(fields), "aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=%d, aio_buf=%s, "
		 "aio_nbytes=18446744073709551615, aio_offset=0, aio_resfd=0x5", fd, addr(data));
	submit_one(&huge, fields, -1);

	struct iocb noop = { .aio_data = 6, .aio_lio_opcode = IOCB_CMD_NOOP, .aio_fildes = fd };
	struct iocb *two[] = { &noop, (struct iocb *) 8 };
	r = S(SYS_io_submit, ctx, 2L, two);
	expect("io_submit(%s, 2, [{aio_data=0x6, aio_lio_opcode=IOCB_CMD_NOOP, aio_fildes=%d}, 0x8])", ctxs, fd);
	expect_rval("%s", rval(r));
	r = S(SYS_io_submit, ctx, -1L, NULL);
	expect("io_submit(%s, -1, NULL)", ctxs);
	expect_rval("%s", rval(r));
	r = S(SYS_io_submit, ctx, 1L, (void *) 8);
	expect("io_submit(%s, 1, 0x8)", ctxs);
	expect_rval("%s", rval(r));

	struct io_event ev;
	r = S(SYS_io_cancel, ctx, &w, &ev);
	expect("io_cancel(%s, {aio_data=0x1234, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=%d}, %s)", ctxs, fd, addr(&ev));
	expect_rval("%s", rval(r));

	struct io_event evs[2];
	struct timespec zero = { 0, 0 };
	uint64_t set = 1 << (SIGUSR1 - 1);
	struct { const void *sigmask; size_t size; } sig = { &set, 8 };
	r = S(SYS_io_pgetevents, ctx, 0L, 2L, evs, &zero, &sig);
	expect("io_pgetevents(%s, 0, 2, [], {tv_sec=0, tv_nsec=0}, {sigmask=[USR1], sigsetsize=8})", ctxs);
	expect_rval("%s", rval(r));

	check(S(SYS_io_destroy, ctx) == 0, "io_destroy");
	expect("io_destroy(%s)", ctxs);
	expect_rval("0");
	r = S(SYS_io_destroy, 0);
	expect("io_destroy(NULL)");
	expect_rval("%s", rval(r));

	unlink("aio.tmp");
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
