package io.jstrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * errno names and messages. The expected strings are strace 6.1's output for a call made to
 * fail with each errno (a seccomp filter returning SECCOMP_RET_ERRNO | n).
 */
class ErrnoTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1   | EPERM                 | Operation not permitted
            2   | ENOENT                | No such file or directory
            11  | EAGAIN                | Resource temporarily unavailable
            35  | EDEADLK               | Resource deadlock avoided
            84  | EILSEQ                | Invalid or incomplete multibyte or wide character
            95  | EOPNOTSUPP            | Operation not supported
            109 | ETOOMANYREFS          | Too many references: cannot splice
            133 | EHWPOISON             | Memory page has hardware error
            512 | ERESTARTSYS           | To be restarted if SA_RESTART is set
            513 | ERESTARTNOINTR        | To be restarted
            514 | ERESTARTNOHAND        | To be restarted if no handler
            515 | ENOIOCTLCMD           | Unknown error 515
            516 | ERESTART_RESTARTBLOCK | Interrupted by signal
            517 | EPROBE_DEFER          | Unknown error 517
            518 | EOPENSTALE            | Unknown error 518
            521 | EBADHANDLE            | Unknown error 521
            524 | ENOTSUPP              | Unknown error 524
            527 | EBADTYPE              | Unknown error 527
            530 | ERECALLCONFLICT       | Unknown error 530
            """)
    void asStracePrintsThem(int number, String name, String message) {
        Errno e = Errno.of(number);
        assertEquals(name, e.name());
        assertEquals(message, e.message());
        assertTrue(e.known());
    }

    @Test
    void enoent() {
        assertEquals(2, Errno.named("ENOENT").number());
        assertEquals("No such file or directory", ErrnoNames.message(2));
    }

    @Test
    void aliasesResolveButThePrintedNameWins() {
        assertEquals("EAGAIN", ErrnoNames.NAMES.name(11));
        assertEquals(11, Errno.named("EWOULDBLOCK").number());
        assertEquals("EDEADLK", ErrnoNames.NAMES.name(35));
        assertEquals(35, Errno.named("EDEADLOCK").number());
        assertEquals("EOPNOTSUPP", ErrnoNames.NAMES.name(95));
        assertEquals(95, Errno.named("ENOTSUP").number());
    }

    /** strace 6.1 prints these as "-1 (errno 41)": no name, no text. */
    @ParameterizedTest
    @CsvSource({"41", "58", "134", "519", "520", "531", "4095"})
    void unnamed(int number) {
        Errno e = Errno.of(number);
        assertFalse(e.known());
        assertEquals(Integer.toString(number), e.name());
        assertNull(ErrnoNames.message(number));
    }

    @Test
    void unknown4095() {
        assertEquals("4095", Errno.of(4095).toString());
        assertEquals("Unknown error 4095", Errno.of(4095).message());
    }

    @Test
    void restartCodes() {
        assertTrue(ErrnoNames.isRestart(512));
        assertTrue(ErrnoNames.isRestart(516));
        assertFalse(ErrnoNames.isRestart(515));
        assertFalse(ErrnoNames.isRestart(4));
    }

    @Test
    void everyUserVisibleErrnoHasAMessage() {
        for (int n = 1; n <= 133; n++) {
            if (n == 41 || n == 58) continue;
            assertTrue(ErrnoNames.message(n) != null, "errno " + n);
        }
    }
}
