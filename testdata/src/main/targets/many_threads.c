/* 500 threads start and exit, one after another in batches of 50. */
#include <pthread.h>
#include <stdio.h>

static void *nothing(void *arg) { return arg; }

int main(void) {
    for (int batch = 0; batch < 10; batch++) {
        pthread_t t[50];
        for (int i = 0; i < 50; i++) pthread_create(&t[i], NULL, nothing, NULL);
        for (int i = 0; i < 50; i++) pthread_join(t[i], NULL);
    }
    printf("done\n");
    return 0;
}
