/*
 * I/O that syscalls cannot show: an io_uring instance, and a TCP socket's memory mapped
 * (net/ipv4/tcp.c tcp_mmap, the zerocopy receive mapping), besides a plain file mapping,
 * which is not one. Prints "io_uring_setup ok" or "io_uring_setup failed".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    struct io_uring_params params;
    memset(&params, 0, sizeof params);
    int ring = syscall(SYS_io_uring_setup, 4, &params);
    printf("io_uring_setup %s\n", ring >= 0 ? "ok" : "failed");
    fflush(stdout);
    int file = open("/proc/self/exe", O_RDONLY);
    void *text = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, file, 0);
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (struct sockaddr *) &a, sizeof a);
    listen(l, 1);
    socklen_t len = sizeof a;
    getsockname(l, (struct sockaddr *) &a, &len);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    connect(c, (struct sockaddr *) &a, sizeof a);
    int s = accept(l, NULL, NULL);
    void *zc = mmap(NULL, 4096, PROT_READ, MAP_SHARED, s, 0);
    return text == MAP_FAILED || zc == MAP_FAILED;
}
