/*
 * A workload with known calls, for the breakpoint tests. Each function returns a + b;
 * each begins with a different first instruction (the one a breakpoint displaces):
 *   sub_first  sub $0x18,%rsp      (emulated)
 *   push_first push %r12           (emulated, REX.B)
 *   endbr_first endbr64            (emulated)
 *   step_first lea (%rdi,%rsi),%rax (not in the table: stepped with the process stopped)
 * Usage: bp_threads MODE THREADS CALLS [PAUSE_US]
 *   MODE threads: THREADS threads each call all four CALLS times (args: thread, i)
 *   MODE fork:    the process forks; parent and child each make CALLS calls of each
 *   MODE dlopen:  dlopen(argv[5]) and call its lib_target CALLS times
 * Prints "ok CALLS_MADE" and exits 0 when every result was right, else "bad ..." and 1.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

long sub_first(long a, long b);
long push_first(long a, long b);
long endbr_first(long a, long b);
long step_first(long a, long b);
__asm__(".text\n"
        ".globl sub_first\n.type sub_first,@function\nsub_first:\n"
        "  sub $0x18,%rsp\n  lea (%rdi,%rsi),%rax\n  mov %rax,8(%rsp)\n  mov 8(%rsp),%rax\n"
        "  add $0x18,%rsp\n  ret\n.size sub_first,.-sub_first\n"
        ".globl push_first\n.type push_first,@function\npush_first:\n"
        "  push %r12\n  mov %rdi,%r12\n  lea (%r12,%rsi),%rax\n  pop %r12\n  ret\n.size push_first,.-push_first\n"
        ".globl endbr_first\n.type endbr_first,@function\nendbr_first:\n"
        "  endbr64\n  lea (%rdi,%rsi),%rax\n  ret\n.size endbr_first,.-endbr_first\n"
        ".globl step_first\n.type step_first,@function\nstep_first:\n"
        "  lea (%rdi,%rsi),%rax\n  ret\n.size step_first,.-step_first\n");

typedef long (*fn)(long, long);
static fn fns[] = {sub_first, push_first, endbr_first, step_first};
static long calls, pause_us;
static volatile long bad;

static void run(long who) {
    for (long i = 0; i < calls; i++) {
        for (int f = 0; f < 4; f++) {
            long r = fns[f](who, i);
            if (r != who + i) __sync_fetch_and_add(&bad, 1);
        }
        if (pause_us) usleep(pause_us);
    }
}

static void *thread(void *arg) {
    run((long) arg);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4) return 2;
    long n = atol(argv[2]);
    calls = atol(argv[3]);
    pause_us = argc > 4 ? atol(argv[4]) : 0;
    long made = 0;
    if (strcmp(argv[1], "threads") == 0) {
        pthread_t t[64];
        for (long i = 0; i < n; i++) pthread_create(&t[i], NULL, thread, (void *) (i + 1));
        for (long i = 0; i < n; i++) pthread_join(t[i], NULL);
        made = n * calls * 4;
    } else if (strcmp(argv[1], "fork") == 0) {
        pid_t c = fork();
        run(c == 0 ? 2 : 1);
        if (c == 0) _exit(bad ? 1 : 0);
        int st;
        waitpid(c, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) bad++;
        made = 2 * calls * 4;
    } else if (strcmp(argv[1], "dlopen") == 0) {
        void *h = dlopen(argv[5], RTLD_NOW);
        fn lib = h ? (fn) dlsym(h, "lib_target") : NULL;
        if (!lib) { printf("bad dlopen %s\n", dlerror()); return 1; }
        for (long i = 0; i < calls; i++) if (lib(n, i) != n + i) bad++;
        made = calls;
    }
    if (bad) { printf("bad %ld\n", bad); return 1; }
    printf("ok %ld\n", made);
    return 0;
}
