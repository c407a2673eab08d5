/* A small full-screen program for the terminal recorder's tests.
 *
 *   term_redraw good|bad
 *
 * Puts the terminal in raw mode, draws a frame (clear, a border on the last column and
 * row, "size COLSxROWS" in the middle) with escape sequences split across writes, and
 * redraws on SIGWINCH. "good" reads the new size (TIOCGWINSZ) first, then clears and
 * draws; "bad" clears and draws with the size it had, then reads the new one (the
 * redraw-before-resize bug). 'q' restores the terminal and exits with status 7. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t winch;
static int cols = 80, rows = 24;
static struct termios saved;

static void on_winch(int sig) { (void) sig; winch = 1; }

static void put(const char *s) { (void) !write(1, s, strlen(s)); }

static void read_size(void) {
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0) { cols = ws.ws_col; rows = ws.ws_row; }
}

static void draw(void) {
    char buf[64];
    /* ESC[H ESC[2J, split inside each sequence */
    put("\033"); put("[H\033["); put("2"); put("J");
    snprintf(buf, sizeof buf, "\033[%d;%dH|", 1, cols); put(buf);
    snprintf(buf, sizeof buf, "\033[%d;%dH", rows, 1); put(buf);
    for (int i = 0; i < cols - 1; i++) put("-");
    snprintf(buf, sizeof buf, "\033[%d;%dHsize %dx%d", rows / 2, 2, cols, rows);
    size_t n = strlen(buf);
    (void) !write(1, buf, n / 2);            /* a CSI cut in the middle */
    (void) !write(1, buf + n / 2, n - n / 2);
    put("\033[1;1H");
}

int main(int argc, char **argv) {
    int good = argc > 1 && strcmp(argv[1], "good") == 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_winch; /* no SA_RESTART: read() returns EINTR */
    sigaction(SIGWINCH, &sa, NULL);
    tcgetattr(0, &saved);
    struct termios raw = saved;
    raw.c_lflag &= ~(ICANON | ECHO);
    tcsetattr(0, TCSANOW, &raw);
    put("\033[?1049h");
    read_size();
    draw();
    for (;;) {
        char c;
        ssize_t r = read(0, &c, 1);
        if (winch) {
            winch = 0;
            if (good) { read_size(); draw(); }
            else { draw(); read_size(); }
            continue;
        }
        if (r == 1 && c == 'q') break;
        if (r == 0) break;
    }
    put("\033[?1049l");
    tcsetattr(0, TCSANOW, &saved);
    put("bye\n");
    return 7;
}
