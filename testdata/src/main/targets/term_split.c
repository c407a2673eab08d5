/* Draws a screen with escape sequences and UTF-8 characters split across writes, through
 * every route the terminal recorder follows, for its tests:
 *
 *   term_split
 *
 * fd 1 one byte per write(2), writev(2) with a sequence cut between two iovecs, stderr,
 * a dup(2) of fd 1, /dev/tty opened (open(2) after the start), fd 1 closed and dup2'd
 * from that /dev/tty descriptor, a forked child, and an execve(2) of itself that writes
 * the last line. Nothing is read; the exit status is 0. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void each_byte(int fd, const char *s) {
    for (size_t i = 0; s[i]; i++) (void) !write(fd, s + i, 1);
}

static void halves(int fd, const char *s) {
    size_t n = strlen(s);
    (void) !write(fd, s, n / 2);
    (void) !write(fd, s + n / 2, n - n / 2);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "last") == 0) {
        halves(1, "\033[12;1H\033[7mafter exec\033[27m \342\226\210\033[14;3H");
        return 0;
    }
    each_byte(1, "\033[H\033[2J\033[1;31mred bold\033[0m caf\303\251 \360\237\230\200\r\n");
    char *parts[3] = {"\033[2;5H\033[3", "2mgreen\033", "[0m\033[3;1Hline 3 \033[4munder\033[24m"};
    struct iovec iov[3];
    for (int i = 0; i < 3; i++) iov[i] = (struct iovec){parts[i], strlen(parts[i])};
    (void) !writev(1, iov, 3);
    halves(2, "\033[4;1H\033[35mto stderr\033[39m");
    int copy = dup(1);
    halves(copy, "\033[5;1Hthrough a dup \033[1;44m blue \033[0m");
    close(copy);
    int tty = open("/dev/tty", O_WRONLY);
    if (tty >= 0) {
        each_byte(tty, "\033[6;1H/dev/tty \342\202\254 \033]0;a title\007");
        close(1);
        dup2(tty, 1);
        close(tty);
        halves(1, "\033[7;1Hfd 1 again, dup2'd from /dev/tty\033[K");
    }
    pid_t child = fork();
    if (child == 0) {
        halves(1, "\033[8;1H\033[38;5;208mfrom the child\033[m");
        _exit(0);
    }
    waitpid(child, NULL, 0);
    each_byte(1, "\033[9;1Habc\033[2Dz\033[10;1H\033[2K\033[10;4Hx\033[1K");
    execl("/proc/self/exe", argv[0], "last", (char *) NULL);
    return 1;
}
