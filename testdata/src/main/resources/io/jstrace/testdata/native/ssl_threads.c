/*
 * THREADS threads, each with its own TLS connection (OpenSSL) to 127.0.0.1:PORT, each
 * calling SSL_write CALLS times with the line "tTT NNNNN xxx...\n" (the x's 10 + NNNNN % 50
 * long), SSL_write_ex for every odd NNNNN. Usage: ssl_threads PORT THREADS CALLS [PAUSE_US [GATE]]
 * With GATE, the threads start only once the file GATE exists (a tracer attaching first).
 * Prints "ok WRITES" and exits 0 when every write succeeded.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int port, calls, pause_us;
static SSL_CTX *ctx;
static volatile int failed;

static void *run(void *arg) {
    long t = (long) arg;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *) &a, sizeof a) != 0) { failed = 1; return NULL; }
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) != 1) { failed = 2; return NULL; }
    char line[128];
    for (int i = 0; i < calls; i++) {
        int n = snprintf(line, sizeof line, "t%02ld %05d ", t, i);
        int x = 10 + i % 50;
        memset(line + n, 'x', x);
        line[n + x] = '\n';
        size_t len = n + x + 1, written = 0;
        if (i % 2) {
            if (SSL_write_ex(ssl, line, len, &written) != 1 || written != len) failed = 3;
        } else if (SSL_write(ssl, line, (int) len) != (int) len) {
            failed = 4;
        }
        if (pause_us) usleep(pause_us);
    }
    SSL_shutdown(ssl);
    /* unread session tickets would make close() reset the connection, dropping what the
       server has not read yet: send FIN and drain until the server closes */
    shutdown(fd, SHUT_WR);
    char sink[4096];
    while (read(fd, sink, sizeof sink) > 0) {}
    SSL_free(ssl);
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) return 2;
    port = atoi(argv[1]);
    int n = atoi(argv[2]);
    calls = atoi(argv[3]);
    pause_us = argc > 4 ? atoi(argv[4]) : 0;
    while (argc > 5 && access(argv[5], F_OK) != 0) usleep(10000);
    ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    pthread_t th[64];
    for (long i = 0; i < n; i++) pthread_create(&th[i], NULL, run, (void *) i);
    for (int i = 0; i < n; i++) pthread_join(th[i], NULL);
    if (failed) { printf("bad %d\n", failed); return 1; }
    printf("ok %d\n", n * calls);
    return 0;
}
