/*
 * io_uring's three calls: io_uring_setup with its struct io_uring_params (what goes in,
 * what the kernel fills in: ring sizes, features, ring offsets), io_uring_enter's flags and
 * signal mask, and io_uring_register's opcodes with their arguments.  Where io_uring is
 * disabled, only the failing setup calls are made.
 */
#include "fsio.h"
#include <linux/io_uring.h>
#include <signal.h>

/* The features strace 6.1 names (include/uapi/linux/io_uring.h of Linux 6.1), then the rest in hex. */
static const char *features(unsigned v)
{
	static const char *const names[] = { "SINGLE_MMAP", "NODROP", "SUBMIT_STABLE", "RW_CUR_POS", "CUR_PERSONALITY",
		"FAST_POLL", "POLL_32BITS", "SQPOLL_NONFIXED", "EXT_ARG", "NATIVE_WORKERS", "RSRC_TAGS", "CQE_SKIP",
		"LINKED_FILE" };
	char *res = scratch(), *p = res;
	*p = 0;
	for (unsigned k = 0; k < 13; k++)
		if (v & (1u << k))
			p += sprintf(p, "%sIORING_FEAT_%s", p == res ? "" : "|", names[k]);
	unsigned rest = v & ~0x1fffu;
	if (rest)
		p += sprintf(p, "%s%#x", p == res ? "" : "|", rest);
	if (p == res)
		strcpy(res, "0");
	return res;
}

static void filled_in(const struct io_uring_params *p)
{
	const struct io_sqring_offsets *s = &p->sq_off;
	const struct io_cqring_offsets *c = &p->cq_off;
	expect(", sq_entries=%u, cq_entries=%u, features=%s, sq_off={head=%u, tail=%u, ring_mask=%u, ring_entries=%u, "
	       "flags=%u, dropped=%u, array=%u}, cq_off={head=%u, tail=%u, ring_mask=%u, ring_entries=%u, overflow=%u, "
	       "cqes=%u, flags=%u}",
	       p->sq_entries, p->cq_entries, features(p->features), s->head, s->tail, s->ring_mask, s->ring_entries,
	       s->flags, s->dropped, s->array, c->head, c->tail, c->ring_mask, c->ring_entries, c->overflow, c->cqes,
	       c->flags);
}

static long setup(unsigned entries, struct io_uring_params *p, const char *flags)
{
	long fd = S(SYS_io_uring_setup, entries, p);
	expect("io_uring_setup(%u, {flags=%s, sq_thread_cpu=0, sq_thread_idle=0", entries, flags);
	if (fd >= 0)
		filled_in(p);
	expect("})");
	expect_rval("%s", rval(fd));
	return fd;
}

/*
 * The opcodes whose argument is a struct or an array of them: a files update with the
 * skip marker, restrictions on a ring created disabled (then enabled), files registered with tags,
 * and the io-wq worker limits, which the kernel answers with the ones in force.
 */
static void register_structs(long fd)
{
	int fds[2] = { 0, IORING_REGISTER_FILES_SKIP };
	struct io_uring_files_update up = { .offset = 0, .fds = (uintptr_t) fds };
	long r = S(SYS_io_uring_register, fd, IORING_REGISTER_FILES_UPDATE, &up, 2);
	expect("io_uring_register(%ld, IORING_REGISTER_FILES_UPDATE, {offset=0, fds=[0, IORING_REGISTER_FILES_SKIP]}, 2)",
	       fd);
	expect_rval("%s", rval(r));

	struct io_uring_restriction res[2] = {
		{ .opcode = IORING_RESTRICTION_SQE_OP, .sqe_op = IORING_OP_READV },
		{ .opcode = IORING_RESTRICTION_SQE_FLAGS_ALLOWED, .sqe_flags = IOSQE_FIXED_FILE | IOSQE_ASYNC },
	};
	struct io_uring_params dp = { .flags = IORING_SETUP_R_DISABLED };
	long disabled = setup(2, &dp, "IORING_SETUP_R_DISABLED");
	if (disabled >= 0) {
		r = S(SYS_io_uring_register, disabled, IORING_REGISTER_RESTRICTIONS, res, 2);
		expect("io_uring_register(%ld, IORING_REGISTER_RESTRICTIONS, [{opcode=IORING_RESTRICTION_SQE_OP, "
		       "sqe_op=IORING_OP_READV}, {opcode=IORING_RESTRICTION_SQE_FLAGS_ALLOWED, "
		       "sqe_flags=IOSQE_FIXED_FILE|IOSQE_ASYNC}], 2)", disabled);
		expect_rval("%s", rval(r));
		r = S(SYS_io_uring_register, disabled, IORING_REGISTER_ENABLE_RINGS, NULL, 0);
		expect("io_uring_register(%ld, IORING_REGISTER_ENABLE_RINGS, NULL, 0)", disabled);
		expect_rval("%s", rval(r));
		S(SYS_close, disabled);
	}

	int files[2] = { 0, 1 };
	uint64_t tags[2] = { 1, 0xfeed };
	struct io_uring_rsrc_register rr = { .nr = 2, .data = (uintptr_t) files, .tags = (uintptr_t) tags };
	r = S(SYS_io_uring_register, fd, IORING_REGISTER_FILES2, &rr, sizeof(rr));
	expect("io_uring_register(%ld, IORING_REGISTER_FILES2, {nr=2, flags=0, data=[0, 1], tags=[0x1, 0xfeed]}, %zu)",
	       fd, sizeof(rr));
	expect_rval("%s", rval(r));
	if (r == 0) {
		r = S(SYS_io_uring_register, fd, IORING_UNREGISTER_FILES, NULL, 0);
		expect("io_uring_register(%ld, IORING_UNREGISTER_FILES, NULL, 0)", fd);
		expect_rval("%s", rval(r));
	}

	unsigned workers[2] = { 0, 0 };
	r = S(SYS_io_uring_register, fd, IORING_REGISTER_IOWQ_MAX_WORKERS, workers, 2);
	expect("io_uring_register(%ld, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=0] => ", fd);
	if (r == 0)
		expect("[[IO_WQ_BOUND]=%u, [IO_WQ_UNBOUND]=%u]", workers[0], workers[1]);
	else
		expect("%s", addr(workers));
	expect(", 2)");
	expect_rval("%s", rval(r));
}

int main(void)
{
	struct io_uring_params p = { 0 };
	long fd = setup(4, &p, "0");

	struct io_uring_params bad = { .flags = 0x80000000 };
	long r = S(SYS_io_uring_setup, 2, &bad);
	expect("io_uring_setup(2, {flags=0x80000000 /* IORING_SETUP_??? */, sq_thread_cpu=0, sq_thread_idle=0})");
	expect_rval("%s", rval(r));
	struct io_uring_params resv = { .resv = { 0, 5, 0 } };
	r = S(SYS_io_uring_setup, 2, &resv);
	expect("io_uring_setup(2, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, resv=[0, 0x5, 0]})");
	expect_rval("%s", rval(r));
	r = S(SYS_io_uring_setup, 2, NULL);
	expect("io_uring_setup(2, NULL)");
	expect_rval("%s", rval(r));
	if (fd < 0) {
		expect_line("+++ exited with 0 +++");
		expect_flush();
		return 0;
	}

	struct io_uring_params q = { .flags = IORING_SETUP_CQSIZE | IORING_SETUP_CLAMP, .cq_entries = 16 };
	long fd2 = setup(2, &q, "IORING_SETUP_CQSIZE|IORING_SETUP_CLAMP");

	r = S(SYS_io_uring_enter, fd, 0, 0, 0, NULL, 0);
	expect("io_uring_enter(%ld, 0, 0, 0, NULL, 0)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_io_uring_enter, fd, 0, 0, IORING_ENTER_GETEVENTS, NULL, 8);
	expect("io_uring_enter(%ld, 0, 0, IORING_ENTER_GETEVENTS, NULL, 8)", fd);
	expect_rval("%s", rval(r));
	uint64_t set = 1 << (SIGUSR2 - 1);
	r = S(SYS_io_uring_enter, fd, 0, 0, IORING_ENTER_GETEVENTS, &set, 8);
	expect("io_uring_enter(%ld, 0, 0, IORING_ENTER_GETEVENTS, [USR2], 8)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_io_uring_enter, fd, 0, 0, 0x1000, NULL, 0);
	expect("io_uring_enter(%ld, 0, 0, 0x1000 /* IORING_ENTER_??? */, NULL, 0)", fd);
	expect_rval("%s", rval(r));

	int fds[2] = { 0, 1 };
	r = S(SYS_io_uring_register, fd, IORING_REGISTER_FILES, fds, 2);
	expect("io_uring_register(%ld, IORING_REGISTER_FILES, [0, 1], 2)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_io_uring_register, fd, IORING_UNREGISTER_FILES, NULL, 0);
	expect("io_uring_register(%ld, IORING_UNREGISTER_FILES, NULL, 0)", fd);
	expect_rval("%s", rval(r));
	static char buffer[64];
	struct iovec iov = { buffer, sizeof(buffer) };
	r = S(SYS_io_uring_register, fd, IORING_REGISTER_BUFFERS, &iov, 1);
	expect("io_uring_register(%ld, IORING_REGISTER_BUFFERS, [{iov_base=%s, iov_len=64}], 1)", fd, addr(buffer));
	expect_rval("%s", rval(r));
	r = S(SYS_io_uring_register, fd, IORING_UNREGISTER_BUFFERS, NULL, 0);
	expect("io_uring_register(%ld, IORING_UNREGISTER_BUFFERS, NULL, 0)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_io_uring_register, fd, IORING_UNREGISTER_EVENTFD, NULL, 0);
	expect("io_uring_register(%ld, IORING_UNREGISTER_EVENTFD, NULL, 0)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_io_uring_register, fd, 999, NULL, 0);
	expect("io_uring_register(%ld, 0x3e7 /* IORING_REGISTER_??? */, NULL, 0)", fd);
	expect_rval("%s", rval(r));
	r = S(SYS_io_uring_register, fd, IORING_REGISTER_PERSONALITY, NULL, 0);
	expect("io_uring_register(%ld, IORING_REGISTER_PERSONALITY, NULL, 0)", fd);
	expect_rval("%s", rval(r));
	if (r > 0) {
		long id = r;
		r = S(SYS_io_uring_register, fd, IORING_UNREGISTER_PERSONALITY, NULL, id);
		expect("io_uring_register(%ld, IORING_UNREGISTER_PERSONALITY, NULL, %ld)", fd, id);
		expect_rval("%s", rval(r));
	}

	register_structs(fd);

	S(SYS_close, fd);
	if (fd2 >= 0)
		S(SYS_close, fd2);
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
