/*
 * ioctl on a pipe, a file and a pty (ints, winsize, termios, termios2, the locked termios,
 * argument-less requests),
 * and the copying calls with their loff_t offsets: copy_file_range, sendfile (whose
 * offset strace shows advanced), splice and tee.
 */
#include "tests.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

/* The kernel's struct termios (asm-generic/termbits.h), not the C library's. */
struct kernel_termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line, c_cc[19];
};

/* TCGETS2's struct termios2 (asm-generic/termbits.h), which the C library's headers name but leave undefined. */
struct termios2 {
	struct kernel_termios t;
	unsigned int c_ispeed, c_ospeed;
};


static void pty(void)
{
	int m = S(SYS_open, "/dev/ptmx", O_RDWR | O_NOCTTY); /* open(2) is not traced */
	if (m < 0)
		return;
	int zero = 0, n = -1;
	check(S(SYS_ioctl, m, TIOCSPTLCK, &zero) == 0, "TIOCSPTLCK");
	expect("ioctl(%d, TIOCSPTLCK, [0])", m);
	expect_rval("0");
	check(S(SYS_ioctl, m, TIOCGPTN, &n) == 0, "TIOCGPTN");
	expect("ioctl(%d, TIOCGPTN, [%d])", m, n);
	expect_rval("0");
	char name[64];
	snprintf(name, sizeof(name), "/dev/pts/%d", n);
	int s = S(SYS_open, name, O_RDWR | O_NOCTTY);
	check(s >= 0, "open pts");

	struct winsize ws = { 24, 80, 0, 0 };
	check(S(SYS_ioctl, s, TIOCSWINSZ, &ws) == 0, "TIOCSWINSZ");
	expect("ioctl(%d, TIOCSWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0})", s);
	expect_rval("0");
	memset(&ws, 0, sizeof(ws));
	check(S(SYS_ioctl, s, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 24 && ws.ws_col == 80, "TIOCGWINSZ");
	expect("ioctl(%d, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0})", s);
	expect_rval("0");

	struct kernel_termios t = { ICRNL | IXON, OPOST | ONLCR, B38400 | CS8 | CREAD, ISIG | ICANON | ECHO | IEXTEN };
	t.c_cc[VMIN] = 1;
	static const char flags[] = "{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
				    "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|IEXTEN, ...}";
	check(S(SYS_ioctl, s, TCSETS, &t) == 0, "TCSETS");
	expect("ioctl(%d, SNDCTL_TMR_START or TCSETS, %s)", s, flags);
	expect_rval("0");
	struct kernel_termios got;
	check(S(SYS_ioctl, s, TCGETS, &got) == 0, "TCGETS");
	check(got.c_iflag == t.c_iflag && got.c_oflag == t.c_oflag && got.c_cflag == t.c_cflag
	      && got.c_lflag == t.c_lflag, "TCGETS gives back what TCSETS set");
	expect("ioctl(%d, TCGETS, %s)", s, flags);
	expect_rval("0");

	struct termios2 got2;
	check(S(SYS_ioctl, s, TCGETS2, &got2) == 0 && got2.t.c_cflag == t.c_cflag, "TCGETS2");
	expect("ioctl(%d, TCGETS2, %s)", s, flags);
	expect_rval("0");
	/* The locks of a fresh pty's termios: none. */
	check(S(SYS_ioctl, s, TIOCGLCKTRMIOS, &got) == 0 && got.c_cflag == 0, "TIOCGLCKTRMIOS");
	expect("ioctl(%d, TIOCGLCKTRMIOS, {c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|, c_cflag=B0|CS5|, c_lflag=, ...})",
	       s);
	expect_rval("0");

	unsigned short termio[9];
	check(S(SYS_ioctl, s, TCGETA, termio) == 0, "TCGETA");
	expect("ioctl(%d, TCGETA, %s)", s, flags);
	expect_rval("0");

	check(S(SYS_ioctl, s, TCFLSH, TCIOFLUSH) == 0, "TCFLSH");
	expect("ioctl(%d, TCFLSH, TCIOFLUSH)", s);
	expect_rval("0");
	check(S(SYS_ioctl, s, TCXONC, TCOON) == 0, "TCXONC");
	expect("ioctl(%d, TCXONC, TCOON)", s);
	expect_rval("0");
	check(S(SYS_ioctl, s, TCSBRK, 1) == 0, "TCSBRK");
	expect("ioctl(%d, TCSBRK, 1)", s);
	expect_rval("0");
	check(S(SYS_ioctl, s, 0x1234, 0) == -1 && errno == ENOTTY, "unknown request");
	expect("ioctl(%d, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0)", s);
	expect_rval("%s", rerr(ENOTTY));

	check(S(SYS_ioctl, s, TCGETS, NULL) == -1 && errno == EFAULT, "TCGETS EFAULT");
	expect("ioctl(%d, TCGETS, NULL)", s);
	expect_rval("%s", rerr(EFAULT));
	close(s);
	close(m);
}

int main(void)
{
	static const char file[] = "io_ops.tmp";
	int fd = S(SYS_open, file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0 && write(fd, "hello world", 11) == 11, "create");
	int out = S(SYS_open, "io_ops.copy", O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(out >= 0, "create out");
	int p[2], q[2];
	check(pipe(p) == 0 && pipe(q) == 0, "pipes");
	check(write(p[1], "abc", 3) == 3, "fill");

	int n = -1, one = 1;
	check(S(SYS_ioctl, p[0], FIONREAD, &n) == 0 && n == 3, "FIONREAD");
	expect("ioctl(%d, FIONREAD, [3])", p[0]);
	expect_rval("0");
	check(S(SYS_ioctl, p[0], FIONBIO, &one) == 0, "FIONBIO");
	expect("ioctl(%d, FIONBIO, [1])", p[0]);
	expect_rval("0");
	check(S(SYS_ioctl, fd, FIOCLEX) == 0, "FIOCLEX");
	expect("ioctl(%d, FIOCLEX)", fd);
	expect_rval("0");
	check(S(SYS_ioctl, fd, FIONCLEX) == 0, "FIONCLEX");
	expect("ioctl(%d, FIONCLEX)", fd);
	expect_rval("0");
	struct winsize ws;
	check(S(SYS_ioctl, fd, TIOCGWINSZ, &ws) == -1 && errno == ENOTTY, "TIOCGWINSZ ENOTTY");
	expect("ioctl(%d, TIOCGWINSZ, %s)", fd, addr(&ws));
	expect_rval("%s", rerr(ENOTTY));
	pty();

	loff_t off_in = 0, off = 1;
	check(S(SYS_copy_file_range, fd, &off_in, out, NULL, 5, 0) == 5, "copy_file_range");
	expect("copy_file_range(%d, [0], %d, NULL, 5, 0)", fd, out);
	expect_rval("5");

	check(S(SYS_sendfile, out, fd, &off, 3) == 3, "sendfile");
	expect("sendfile(%d, %d, [1] => [4], 3)", out, fd);
	expect_rval("3");

	check(lseek(fd, 6, SEEK_SET) == 6, "seek");
	check(S(SYS_sendfile, out, fd, NULL, 2) == 2, "sendfile without offset");
	expect("sendfile(%d, %d, NULL, 2)", out, fd);
	expect_rval("2");

	off = 0;
	check(S(SYS_sendfile, out, -1, &off, 1) == -1 && errno == EBADF, "sendfile EBADF");
	expect("sendfile(%d, -1, [0], 1)", out);
	expect_rval("%s", rerr(EBADF));

	off = 2;
	check(S(SYS_splice, fd, &off, p[1], NULL, 3, SPLICE_F_MORE) == 3, "splice");
	expect("splice(%d, [2], %d, NULL, 3, SPLICE_F_MORE)", fd, p[1]);
	expect_rval("3");

	check(S(SYS_tee, p[0], q[1], 4, SPLICE_F_NONBLOCK) == 4, "tee");
	expect("tee(%d, %d, 4, SPLICE_F_NONBLOCK)", p[0], q[1]);
	expect_rval("4");

	long moved = S(SYS_splice, q[0], NULL, out, NULL, 4, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
	check(moved == 4, "splice out of a pipe");
	expect("splice(%d, NULL, %d, NULL, 4, SPLICE_F_MOVE|SPLICE_F_NONBLOCK)", q[0], out);
	expect_rval("4");

	check(S(SYS_splice, fd, NULL, out, NULL, 1, 0) == -1 && errno == EINVAL, "splice EINVAL");
	expect("splice(%d, NULL, %d, NULL, 1, 0)", fd, out);
	expect_rval("%s", rerr(EINVAL));

	unlink(file);
	unlink("io_ops.copy");
	expect_line("+++ exited with 0 +++");
	expect_flush();
	return 0;
}
