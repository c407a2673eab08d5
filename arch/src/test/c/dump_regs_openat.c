/*
 * Captures the general-purpose register set (NT_PRSTATUS) of a child stopped at the
 * syscall-enter-stop of openat(AT_FDCWD, "/x", O_WRONLY|O_CREAT|O_TRUNC, 0644) and
 * prints it as hex, 32 bytes per line. Makes the fixture
 * arch/src/test/resources/fixtures/x86_64-openat-enter.hex (see the README there).
 *
 * ptrace(2): the child asks to be traced (PTRACE_TRACEME) and stops itself with
 * SIGSTOP. PTRACE_SYSCALL resumes it to the next syscall stop; PTRACE_GET_SYSCALL_INFO
 * tells an enter-stop from an exit-stop and gives the number; PTRACE_GETREGSET with
 * NT_PRSTATUS copies the register set (struct user_regs_struct on x86_64, struct
 * user_pt_regs on arm64) into an iovec and shrinks iov_len to its size.
 *
 * Build and run (as any user allowed to ptrace its own children):
 *   gcc -O2 -Wall -o /tmp/dump_regs_openat dump_regs_openat.c && /tmp/dump_regs_openat
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void child(void)
{
    if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) die("PTRACE_TRACEME");
    raise(SIGSTOP);
    /* 0x241 = O_WRONLY|O_CREAT|O_TRUNC. The tracer kills us at the enter-stop. */
    syscall(SYS_openat, AT_FDCWD, "/x", 0x241, 0644);
    _exit(0);
}

/* Resumes the child to its next stop; dies if it exits instead. */
static void resume_to_syscall_stop(pid_t pid)
{
    int status;
    if (ptrace(PTRACE_SYSCALL, pid, NULL, NULL) != 0) die("PTRACE_SYSCALL");
    if (waitpid(pid, &status, 0) != pid) die("waitpid");
    if (!WIFSTOPPED(status)) {
        fprintf(stderr, "child ended before openat\n");
        exit(1);
    }
}

/* 1 if the child is at the syscall-enter-stop of openat. */
static int at_openat_entry(pid_t pid)
{
    struct __ptrace_syscall_info info;
    if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof info, &info) < 0) die("PTRACE_GET_SYSCALL_INFO");
    return info.op == PTRACE_SYSCALL_INFO_ENTRY && info.entry.nr == SYS_openat;
}

static void print_hex(const unsigned char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++) printf("%02x%s", bytes[i], i % 32 == 31 || i + 1 == len ? "\n" : "");
}

int main(void)
{
    unsigned char regs[1024];
    struct iovec iov = { regs, sizeof regs };
    int status;
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) child();
    if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status)) die("waiting for SIGSTOP");
    if (ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)PTRACE_O_TRACESYSGOOD) != 0) die("PTRACE_SETOPTIONS");
    do resume_to_syscall_stop(pid); while (!at_openat_entry(pid));
    if (ptrace(PTRACE_GETREGSET, pid, (void *)NT_PRSTATUS, &iov) != 0) die("PTRACE_GETREGSET");
    print_hex(regs, iov.iov_len);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return 0;
}
