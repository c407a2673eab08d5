/*
 * Net view ground truth: a TCP server (this process) and a client (a forked child, and
 * its child) on 127.0.0.1, each connection sending a random number of bytes each way,
 * and the edge cases: a blocking connect, a non-blocking connect settled by poll and
 * getsockopt(SO_ERROR), a descriptor dup'd and written through both numbers, one passed
 * with SCM_RIGHTS to another process that does its I/O and last close, shutdown, a
 * refused connect, and a UDP pair moving datagrams with sendmmsg and recvmmsg.
 *
 * Usage: net_edges OUT [SEED] [N]. Every side writes what it did to OUT, one line each:
 *   out LABEL pid=P lport=L rport=R tx=A rx=B   (client end: opener pid, bytes it moved)
 *   in pid=P lport=L rport=R tx=B rx=A          (server end)
 *   refused pid=P rport=R
 *   udp pid=P from=L1 to=L2 tx=A msgs=M          (one datagram flow, as its sender saw it)
 * N extra plain connections follow the edge cases (default 3). Exits 0 when every
 * transfer moved what it should.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static FILE *out;
static char buf[1 << 16];

static void die(const char *what) {
    perror(what);
    exit(2);
}

static int port_of(int fd, int peer) {
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    if ((peer ? getpeername(fd, (struct sockaddr *) &a, &len) : getsockname(fd, (struct sockaddr *) &a, &len)) < 0)
        die("getsockname");
    return ntohs(a.sin_port);
}

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fflush(out);
}

static long send_all(int fd, long n) {
    long done = 0;
    while (done < n) {
        long want = n - done < (long) sizeof buf ? n - done : (long) sizeof buf;
        long w = write(fd, buf, want);
        if (w <= 0) die("write");
        done += w;
    }
    return done;
}

static long recv_all(int fd) {
    long done = 0, r;
    while ((r = read(fd, buf, sizeof buf)) > 0) done += r;
    if (r < 0) die("read");
    return done;
}

static int tcp_connect(int port, int nonblocking) {
    int fd = socket(AF_INET, SOCK_STREAM | (nonblocking ? SOCK_NONBLOCK : 0), 0);
    if (fd < 0) die("socket");
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int rc = connect(fd, (struct sockaddr *) &a, sizeof a);
    if (rc < 0 && !(nonblocking && errno == EINPROGRESS)) return -errno;
    if (nonblocking) {
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        if (poll(&p, 1, 5000) != 1) die("poll");
        int err = 0;
        socklen_t len = sizeof err;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err != 0) die("SO_ERROR");
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    }
    return fd;
}

/* One client connection: send a bytes, shut down writing, read to the end. */
static void exchange(const char *label, int fd, int fd2, long a) {
    int lport = port_of(fd, 0), rport = port_of(fd, 1);
    long tx = fd2 < 0 ? send_all(fd, a) : send_all(fd, a / 2) + send_all(fd2, a - a / 2);
    if (fd2 >= 0) {
        close(fd); /* the dup keeps the connection */
        fd = fd2;
    }
    if (shutdown(fd, SHUT_WR) < 0) die("shutdown");
    long rx = recv_all(fd);
    close(fd);
    put("out %s pid=%d lport=%d rport=%d tx=%ld rx=%ld\n", label, getpid(), lport, rport, tx, rx);
}

static void send_fd(int via, int fd) {
    char c = 'f';
    struct iovec iov = {.iov_base = &c, .iov_len = 1};
    union {
        struct cmsghdr h;
        char space[CMSG_SPACE(sizeof(int))];
    } u;
    memset(&u, 0, sizeof u);
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.space, .msg_controllen = sizeof u.space};
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &fd, sizeof fd);
    if (sendmsg(via, &m, 0) != 1) die("sendmsg");
}

static int recv_fd(int via) {
    char c;
    struct iovec iov = {.iov_base = &c, .iov_len = 1};
    union {
        struct cmsghdr h;
        char space[CMSG_SPACE(sizeof(int))];
    } u;
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.space, .msg_controllen = sizeof u.space};
    if (recvmsg(via, &m, 0) != 1) die("recvmsg");
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    if (cm == NULL || cm->cmsg_type != SCM_RIGHTS) die("SCM_RIGHTS");
    int fd;
    memcpy(&fd, CMSG_DATA(cm), sizeof fd);
    return fd;
}

static long size(void) {
    return 1 + rand() % 200000;
}

static void udp(void) {
    int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(u1, (struct sockaddr *) &a, sizeof a) < 0) die("bind");
    a.sin_port = htons(port_of(u1, 0));
    if (connect(u2, (struct sockaddr *) &a, sizeof a) < 0) die("connect udp");
    enum { M = 3 };
    struct mmsghdr msgs[M];
    struct iovec iov[M];
    long total = 0;
    memset(msgs, 0, sizeof msgs);
    for (int k = 0; k < M; k++) {
        iov[k].iov_base = buf;
        iov[k].iov_len = 1 + rand() % 1400;
        total += iov[k].iov_len;
        msgs[k].msg_hdr.msg_iov = &iov[k];
        msgs[k].msg_hdr.msg_iovlen = 1;
    }
    if (sendmmsg(u2, msgs, M, 0) != M) die("sendmmsg");
    put("udp pid=%d from=%d to=%d tx=%ld msgs=%d\n", getpid(), port_of(u2, 0), port_of(u1, 0), total, M);
    struct mmsghdr in[M];
    struct iovec inv[M];
    struct sockaddr_in from[M];
    memset(in, 0, sizeof in);
    for (int k = 0; k < M; k++) {
        inv[k].iov_base = buf + 2000 * k;
        inv[k].iov_len = 2000;
        in[k].msg_hdr.msg_iov = &inv[k];
        in[k].msg_hdr.msg_iovlen = 1;
        in[k].msg_hdr.msg_name = &from[k];
        in[k].msg_hdr.msg_namelen = sizeof from[k];
    }
    int got = 0;
    while (got < M) {
        int n = recvmmsg(u1, in + got, M - got, 0, NULL);
        if (n <= 0) die("recvmmsg");
        got += n;
    }
    /* one answer back, unconnected: sendto with an address */
    long back = 1 + rand() % 1400;
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port_of(u2, 0)),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (sendto(u1, buf, back, 0, (struct sockaddr *) &to, sizeof to) != back) die("sendto");
    if (recv(u2, buf, sizeof buf, 0) != back) die("recv");
    put("udp pid=%d from=%d to=%d tx=%ld msgs=%d\n", getpid(), port_of(u1, 0), port_of(u2, 0), back, 1);
    close(u1);
    close(u2);
}

static void client(int port, int extra) {
    exchange("blocking", tcp_connect(port, 0), -1, size());
    exchange("nonblocking", tcp_connect(port, 1), -1, size());
    int fd = tcp_connect(port, 0);
    exchange("dup", fd, dup(fd), size());

    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) die("socketpair");
    long a = size();
    pid_t kid = fork();
    if (kid == 0) {
        close(sv[0]);
        int passed = recv_fd(sv[1]);
        close(sv[1]);
        long tx = send_all(passed, a);
        shutdown(passed, SHUT_WR);
        long rx = recv_all(passed);
        close(passed);
        put("passed pid=%d tx=%ld rx=%ld\n", getpid(), tx, rx);
        _exit(0);
    }
    close(sv[1]);
    fd = tcp_connect(port, 0);
    put("out passed pid=%d lport=%d rport=%d tx=%ld rx=-1\n", getpid(), port_of(fd, 0), port, a);
    send_fd(sv[0], fd);
    close(fd);
    close(sv[0]);
    int st;
    waitpid(kid, &st, 0);

    for (int k = 0; k < extra; k++) exchange("plain", tcp_connect(port, 0), -1, size());

    /* refused: a port that was just free */
    int t = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in z = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(t, (struct sockaddr *) &z, sizeof z) < 0) die("bind");
    int dead = port_of(t, 0);
    close(t);
    int r = tcp_connect(dead, 0);
    if (r != -ECONNREFUSED) die("refused");
    put("refused pid=%d rport=%d\n", getpid(), dead);

    udp();
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    out = fopen(argv[1], "a");
    if (!out) die(argv[1]);
    srand(argc > 2 ? atoi(argv[2]) : getpid());
    int extra = argc > 3 ? atoi(argv[3]) : 3;
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(l, (struct sockaddr *) &a, sizeof a) < 0 || listen(l, 16) < 0) die("listen");
    int port = port_of(l, 0);
    int connections = 4 + extra;
    long *sizes = malloc(sizeof(long) * connections);
    for (int k = 0; k < connections; k++) sizes[k] = size();
    fflush(out);
    pid_t c = fork();
    if (c == 0) {
        close(l);
        srand(getpid());
        client(port, extra);
        _exit(0);
    }
    for (int k = 0; k < connections; k++) {
        int s = accept(l, NULL, NULL);
        if (s < 0) die("accept");
        long rx = recv_all(s);
        long tx = send_all(s, sizes[k]);
        put("in pid=%d lport=%d rport=%d tx=%ld rx=%ld\n", getpid(), port_of(s, 0), port_of(s, 1), tx, rx);
        close(s);
    }
    close(l);
    int st;
    waitpid(c, &st, 0);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}
