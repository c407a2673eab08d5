/* Attach target: four threads making syscalls as fast as they can, forever. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *spin(void *arg) {
    (void) arg;
    for (;;) syscall(SYS_getppid);
    return NULL;
}

int main(void) {
    pthread_t t;
    for (int i = 0; i < 3; i++) pthread_create(&t, NULL, spin, NULL);
    printf("ready\n");
    fflush(stdout);
    spin(NULL);
}
