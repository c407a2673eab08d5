/*
 * Payload ground truth: known byte patterns through a pipe, a file, a TCP loopback pair,
 * a UDP pair and an AF_UNIX socketpair, each transfer syscall of the read/write/send/recv
 * families used once or more in a fixed order. pattern(tag, n) is byte i = tag * 31 + i
 * (mod 256); PayloadTest builds the same streams. Exits 0 when every transfer moved what
 * it should.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static int failed;

static char *pattern(int tag, int n) {
    char *b = malloc(n);
    for (int i = 0; i < n; i++) b[i] = (char) (tag * 31 + i);
    return b;
}

static void check(const char *what, const char *got, long n, int tag, int len) {
    char *want = pattern(tag, len);
    if (n != len || memcmp(got, want, len) != 0) {
        fprintf(stderr, "%s: moved %ld, wanted %d\n", what, n, len);
        failed = 1;
    }
    free(want);
}

static void full_read(int fd, char *b, int n) {
    for (int at = 0; at < n;) {
        ssize_t r = read(fd, b + at, n - at);
        if (r <= 0) { failed = 1; return; }
        at += r;
    }
}

static struct sockaddr_in loopback(int port) {
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static int port_of(int fd) {
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *) &a, &len);
    return ntohs(a.sin_port);
}

int main(void) {
    char buf[16384];
    /* a pipe: write/read (tag 1, 100), writev/readv (tag 2, 300 = 100+150+50 into 200+100) */
    int p[2];
    pipe(p);
    char *w1 = pattern(1, 100);
    write(p[1], w1, 100);
    check("read", buf, read(p[0], buf, sizeof buf), 1, 100);
    char *w2 = pattern(2, 300);
    struct iovec wv[3] = {{w2, 100}, {w2 + 100, 150}, {w2 + 250, 50}};
    writev(p[1], wv, 3);
    struct iovec rv[2] = {{buf, 200}, {buf + 200, 100}};
    check("readv", buf, readv(p[0], rv, 2), 2, 300);

    /* a file: pwrite64/pread64 (3, 64), pwritev/preadv (4, 80), pwritev2/preadv2 (5, 50) */
    int f = open("payload_io.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    unlink("payload_io.tmp");
    pwrite(f, pattern(3, 64), 64, 0);
    check("pread64", buf, pread(f, buf, 64, 0), 3, 64);
    char *w4 = pattern(4, 80);
    struct iovec v4[2] = {{w4, 30}, {w4 + 30, 50}};
    pwritev(f, v4, 2, 100);
    struct iovec r4[1] = {{buf, 80}};
    check("preadv", buf, preadv(f, r4, 1, 100), 4, 80);
    char *w5 = pattern(5, 50);
    struct iovec v5[1] = {{w5, 50}};
    pwritev2(f, v5, 1, 200, 0);
    struct iovec r5[2] = {{buf, 10}, {buf + 10, 40}};
    check("preadv2", buf, preadv2(f, r5, 2, 200, 0), 5, 50);

    /* TCP: sendto/recvfrom (6, 1000), sendmsg/recvmsg (7, 500), sendfile of 64 file bytes */
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in any = loopback(0);
    bind(l, (struct sockaddr *) &any, sizeof any);
    listen(l, 1);
    struct sockaddr_in to = loopback(port_of(l));
    int c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *) &to, sizeof to);
    int s = accept(l, NULL, NULL);
    sendto(c, pattern(6, 1000), 1000, 0, NULL, 0);
    check("recvfrom", buf, recvfrom(s, buf, 1000, MSG_WAITALL, NULL, NULL), 6, 1000);
    char *w7 = pattern(7, 500);
    struct iovec v7[2] = {{w7, 200}, {w7 + 200, 300}};
    struct msghdr m7 = {.msg_iov = v7, .msg_iovlen = 2};
    sendmsg(c, &m7, 0);
    struct iovec r7[1] = {{buf, 500}};
    struct msghdr n7 = {.msg_iov = r7, .msg_iovlen = 1};
    check("recvmsg", buf, recvmsg(s, &n7, MSG_WAITALL), 7, 500);
    off_t off = 0;
    sendfile(c, f, &off, 64);
    full_read(s, buf, 64);
    check("sendfile", buf, 64, 3, 64);

    /* UDP: sendmmsg/recvmmsg, three messages (9, 10), (10, 20), (11, 30) */
    int ua = socket(AF_INET, SOCK_DGRAM, 0), ub = socket(AF_INET, SOCK_DGRAM, 0);
    bind(ub, (struct sockaddr *) &any, sizeof any);
    struct sockaddr_in uto = loopback(port_of(ub));
    connect(ua, (struct sockaddr *) &uto, sizeof uto);
    struct iovec mv[3];
    struct mmsghdr mm[3];
    memset(mm, 0, sizeof mm);
    for (int k = 0; k < 3; k++) {
        mv[k].iov_base = pattern(9 + k, 10 * (k + 1));
        mv[k].iov_len = 10 * (k + 1);
        mm[k].msg_hdr.msg_iov = &mv[k];
        mm[k].msg_hdr.msg_iovlen = 1;
    }
    sendmmsg(ua, mm, 3, 0);
    char rb[3][64];
    struct iovec rvv[3];
    struct mmsghdr rm[3];
    memset(rm, 0, sizeof rm);
    for (int k = 0; k < 3; k++) {
        rvv[k].iov_base = rb[k];
        rvv[k].iov_len = sizeof rb[k];
        rm[k].msg_hdr.msg_iov = &rvv[k];
        rm[k].msg_hdr.msg_iovlen = 1;
    }
    int got = recvmmsg(ub, rm, 3, MSG_WAITFORONE, NULL);
    for (int k = 0; k < got; k++) check("recvmmsg", rb[k], rm[k].msg_len, 9 + k, 10 * (k + 1));
    if (got != 3) failed = 1;

    /* AF_UNIX: sendto (12, 8192: beyond the test's 4096 limit) / recvfrom; write/read (13, 33) */
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    sendto(sv[0], pattern(12, 8192), 8192, 0, NULL, 0);
    check("recvfrom", buf, recvfrom(sv[1], buf, 8192, MSG_WAITALL, NULL, NULL), 12, 8192);
    write(sv[1], pattern(13, 33), 33);
    check("read", buf, read(sv[0], buf, sizeof buf), 13, 33);

    /* splice: 40 pipe bytes (14, 40) into the file, never in our memory */
    write(p[1], pattern(14, 40), 40);
    loff_t at = 1000;
    if (splice(p[0], NULL, f, &at, 40, 0) != 40) failed = 1;
    return failed;
}
