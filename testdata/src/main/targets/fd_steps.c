/*
 * fd table ground truth: builds up descriptors of every kind, then changes them the ways
 * a table must follow (dup2 of a socket over stdout, SCM_RIGHTS, close_range with and
 * without CLOSE_RANGE_CLOEXEC, F_DUPFD_CLOEXEC, F_SETFD, fork, exec with close-on-exec
 * descriptors, a connected UDP socket and its dissolution). After each step it calls
 * getppid(): the test compares the tracer's fd table with /proc/PID/fd and sock_diag
 * at that stop. "fd_steps exec" is the exec'd child: one marker, then exit.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <netinet/in.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void marker(void) { syscall(SYS_getppid); }

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

static void send_fd(int sock, int fd) {
    char byte = 'x';
    struct iovec iov = {&byte, 1};
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof u.buf;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    sendmsg(sock, &m, 0);
}

static int recv_fd(int sock, int flags) {
    char byte;
    struct iovec iov = {&byte, 1};
    union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
    struct msghdr m = {0};
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof u.buf;
    if (recvmsg(sock, &m, flags) < 0) return -1;
    int fd;
    memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof fd);
    return fd;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "exec") == 0) {
        marker();
        return 0;
    }
    /* step 1: one of each */
    int file = open("fd_steps.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    int dir = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int null = openat(AT_FDCWD, "/dev/null", O_WRONLY);
    int p[2];
    pipe2(p, O_CLOEXEC);
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in any = loopback(0);
    bind(listener, (struct sockaddr *) &any, sizeof any);
    listen(listener, 4);
    struct sockaddr_in to = loopback(port_of(listener));
    int client = socket(AF_INET, SOCK_STREAM, 0);
    connect(client, (struct sockaddr *) &to, sizeof to);
    struct sockaddr_in from;
    socklen_t fromlen = sizeof from;
    int server = accept4(listener, (struct sockaddr *) &from, &fromlen, SOCK_CLOEXEC);
    int udp_a = socket(AF_INET, SOCK_DGRAM, 0), udp_b = socket(AF_INET, SOCK_DGRAM, 0);
    bind(udp_b, (struct sockaddr *) &any, sizeof any);
    struct sockaddr_in udp_to = loopback(port_of(udp_b));
    connect(udp_a, (struct sockaddr *) &udp_to, sizeof udp_to);
    send(udp_a, "u", 1, 0);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int named = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un un = {AF_UNIX};
    strcpy(un.sun_path + 1, "fd_steps_abstract");
    bind(named, (struct sockaddr *) &un, offsetof(struct sockaddr_un, sun_path) + 1 + strlen("fd_steps_abstract"));
    int ev = eventfd(0, EFD_CLOEXEC);
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int mem = memfd_create("fd_steps", 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    int sfd = signalfd(-1, &set, SFD_CLOEXEC);
    int pidfd = syscall(SYS_pidfd_open, getpid(), 0);
    marker();

    /* step 2: a socket over stdout */
    dup2(client, 1);
    marker();

    /* step 3: SCM_RIGHTS, a file and a socket */
    send_fd(sv[0], null);
    int got_null = recv_fd(sv[1], MSG_CMSG_CLOEXEC);
    send_fd(sv[0], udp_a);
    int got_udp = recv_fd(sv[1], 0);
    marker();

    /* step 4: close_range, CLOSE_RANGE_CLOEXEC, F_DUPFD_CLOEXEC, F_SETFD, dup3 */
    int hi = fcntl(file, F_DUPFD_CLOEXEC, 100);
    int hi2 = fcntl(got_udp, F_DUPFD, 110);
    dup3(server, 120, O_CLOEXEC);
    dup2(ev, 121);
    fcntl(121, F_SETFD, FD_CLOEXEC);
    fcntl(ev, F_SETFD, 0);
    dup2(p[0], 130);
    dup2(p[1], 131);
    dup2(tfd, 132);
    syscall(SYS_close_range, 130, 131, 0);
    syscall(SYS_close_range, 132, ~0U, CLOSE_RANGE_CLOEXEC);
    close(got_null);
    marker();

    /* step 5: a connected UDP socket dissolved, another connected elsewhere */
    struct sockaddr unspec = {AF_UNSPEC};
    connect(got_udp, &unspec, sizeof unspec);
    struct sockaddr_in other = loopback(9);
    connect(hi2, (struct sockaddr *) &other, sizeof other);
    marker();

    /* step 6: fork (the child checks its copy, then execs), the parent closes some */
    pid_t child = fork();
    if (child == 0) {
        marker();
        close(file);
        marker();
        execl("/proc/self/exe", argv[0], "exec", (char *) NULL);
        _exit(127);
    }
    close(null);
    marker();
    int status;
    waitpid(child, &status, 0);
    marker();
    unlink("fd_steps.tmp");
    (void) dir; (void) mem; (void) sfd; (void) pidfd; (void) ep; (void) hi; (void) named;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
