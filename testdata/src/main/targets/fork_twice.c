/* Forks two children, one after the other; each writes a line and exits with its number. */
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    for (int i = 1; i <= 2; i++) {
        pid_t p = fork();
        if (p == 0) {
            write(1, i == 1 ? "one\n" : "two\n", 4);
            _exit(i);
        }
        waitpid(p, NULL, 0);
    }
    return 0;
}
