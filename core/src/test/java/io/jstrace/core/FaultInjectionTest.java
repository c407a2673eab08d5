package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.internal.jnr.Native;
import io.jstrace.core.internal.jnr.Ptrace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults injected into the native layer ({@link NativeFaults}: the ByteBuddy agent weaves
 * them into the libc binding): chosen calls fail. Nothing may hang, nothing may escape,
 * and what is reported must still be right.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class FaultInjectionTest {
    private static final List<String> COMMAND = List.of("/bin/sh", "-c", "echo a >/dev/null; echo b >/dev/null");

    @AfterEach
    void restore() {
        NativeFaults.restore();
    }

    /** Traces COMMAND; returns the records as "kind name" strings, and the status last. */
    private static List<String> trace(List<Throwable> errors) throws Exception {
        List<String> seen = new ArrayList<>();
        try (TraceSession s = TraceSession.launch(COMMAND, TraceOptions.defaults().withFollowForks(true))) {
            s.onError(errors::add);
            s.addListener(new TraceListener() {
                public void onSyscallExit(SyscallExit x, Tracee t) {
                    seen.add("syscall " + x.enter().name());
                }

                public void onExit(Exit x, Tracee t) {
                    seen.add("exit " + x.status());
                }

                public void onSignalExit(SignalExit x, Tracee t) {
                    seen.add("killed " + x.signal().name());
                }
            });
            int status = s.startAsync().get(30, TimeUnit.SECONDS);
            seen.add("status " + status);
        }
        return seen;
    }

    @Test
    void waitpidInterruptedIsRetried() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        List<String> clean = trace(errors);
        AtomicInteger calls = new AtomicInteger();
        NativeFaults.inject((name, args) -> name.equals("waitpid") && calls.incrementAndGet() % 2 == 0 ? NativeFaults.fail(Ptrace.EINTR) : null);
        List<String> interrupted = trace(errors);
        assertTrue(calls.get() > 10, "waitpid was called " + calls.get() + " times");
        assertEquals(clean, interrupted);
        assertEquals(List.of(), errors);
        assertEquals("status 0", clean.get(clean.size() - 1));
    }

    @ParameterizedTest(name = "tracee vanishes at resume #{0}")
    @ValueSource(ints = {1, 2, 3, 5, 8, 13, 21, 34, 55})
    void traceeVanishingIsReportedNotFatal(int n) throws Exception {
        AtomicInteger resumes = new AtomicInteger();
        NativeFaults.inject((name, args) -> {
            if (name.equals("ptrace") && ((Number) args[0]).longValue() == Ptrace.PTRACE_SYSCALL
                    && resumes.incrementAndGet() == n) {
                Native.libc().kill((Integer) args[1], 9);
                return NativeFaults.fail(Ptrace.ESRCH);
            }
            return null;
        });
        List<Throwable> errors = new ArrayList<>();
        List<String> seen = trace(errors);
        assertEquals(List.of(), errors);
        assertTrue(resumes.get() >= n, "resumed " + resumes.get() + " times");
        assertEquals("status 137", seen.get(seen.size() - 1), seen.toString());
        assertTrue(seen.contains("killed SIGKILL"), seen.toString());
    }

    /**
     * The tracee killed just before the tracer's k-th ptrace call, whatever its request
     * (seize, options, syscall info, registers, event messages, resumes): that call and
     * the next meet a dead tracee as the kernel has it (ESRCH), and the death is reported.
     */
    @ParameterizedTest(name = "tracee vanishes before ptrace call #{0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 10, 13, 17, 23, 31, 42, 57, 77, 104, 140, 189})
    void traceeVanishingBeforeAnyPtraceCall(int k) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        NativeFaults.inject((name, args) -> {
            if (name.equals("ptrace") && calls.incrementAndGet() == k) Native.libc().kill((Integer) args[1], 9);
            return null;
        });
        List<Throwable> errors = new ArrayList<>();
        List<String> seen;
        try {
            seen = trace(errors);
        } catch (TraceException e) { // killed before it was seized: launching fails, in strace's words
            assertTrue(e.getMessage().startsWith("ptrace(PTRACE_SEIZE, "), e.getMessage());
            return;
        }
        assertEquals(List.of(), errors);
        assertTrue(calls.get() >= k, "ptrace was called " + calls.get() + " times");
        assertEquals(List.of("killed SIGKILL", "status 137"), seen.subList(seen.size() - 2, seen.size()));
    }

    @Test
    void detachWhileBlockedInWaitpid() throws Exception {
        TraceSession s = TraceSession.launch(List.of("/bin/sleep", "30"), TraceOptions.defaults());
        var done = s.startAsync();
        Thread.sleep(500);
        s.detach();
        assertEquals(0, (int) done.get(10, TimeUnit.SECONDS));
    }
}
