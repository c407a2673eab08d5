/* Forks until fork fails (bounded by RLIMIT_NPROC set by the caller), then reaps all. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    struct rlimit r = {64, 64};
    setrlimit(RLIMIT_NPROC, &r);
    int n = 0;
    for (int i = 0; i < 1000; i++) {
        pid_t p = fork();
        if (p < 0) break;
        if (p == 0) { usleep(20000); _exit(0); }
        n++;
    }
    while (wait(NULL) > 0) {}
    printf("forked %d\n", n);
    return 0;
}
