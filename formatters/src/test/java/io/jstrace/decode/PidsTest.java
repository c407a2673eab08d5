package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jstrace.core.FixedHostFacts;
import io.jstrace.core.PidType;
import io.jstrace.decode.DecodeOptions.Dumps;
import io.jstrace.decode.DecodeOptions.PerSyscall;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ids of --pidns-translation: which kind each argument and result is, and when no comment prints. */
class PidsTest {
    private static final DecodeOptions PIDNS = new DecodeOptions(32, false, false, Set.of(), XlatStyle.ABBREV,
            PerSyscall.defaults(), Dumps.none(), true);
    /** The tracee's thread 2 is jstrace's 102, its process 2 is 202, group 2 is 302, session 2 is 402; 7 is 7. */
    private static final FixedHostFacts HOST = new FixedHostFacts().tracerPid(PidType.PID, 2, 102)
            .tracerPid(PidType.TGID, 2, 202).tracerPid(PidType.PGID, 2, 302).tracerPid(PidType.SID, 2, 402)
            .tracerPid(PidType.TGID, 7, 7);

    private static String arg(String name, int i, long... args) {
        return render(Formatters.format(Calls.of(name).args(args).options(PIDNS).host(HOST).enter(), i));
    }

    private static String result(String name, long ret, long... args) {
        return render(Formatters.result(Calls.of(name).args(args).options(PIDNS).host(HOST).exit(ret)));
    }

    private static String ns(int ours) {
        return " /* " + ours + " in strace's PID NS */";
    }

    @Test
    void eachArgumentByItsKind() {
        assertEquals("2" + ns(202), arg("kill", 0, 2, 0));
        assertEquals("-2" + ns(302), arg("kill", 0, -2, 0));
        assertEquals("-1", arg("kill", 0, -1, 0));
        assertEquals("2" + ns(102), arg("tkill", 0, 2, 0));
        assertEquals("2" + ns(202), arg("tgkill", 0, 2, 2, 0));
        assertEquals("2" + ns(102), arg("tgkill", 1, 2, 2, 0));
        assertEquals("2" + ns(302), arg("setpgid", 1, 0, 2));
    }

    @Test
    void whoByWhich() {
        assertEquals("2" + ns(202), arg("getpriority", 1, 0 /* PRIO_PROCESS */, 2));
        assertEquals("2" + ns(302), arg("getpriority", 1, 1 /* PRIO_PGRP */, 2));
        assertEquals("2", arg("getpriority", 1, 2 /* PRIO_USER */, 2));
        assertEquals("2" + ns(302), arg("ioprio_get", 1, 2 /* IOPRIO_WHO_PGRP */, 2));
        assertEquals("2" + ns(202), arg("waitid", 1, 1 /* P_PID */, 2));
        assertEquals("2", arg("waitid", 1, 3 /* P_PIDFD */, 2));
    }

    @Test
    void resultsByTheirKind() {
        assertEquals("2" + ns(202), result("getpid", 2));
        assertEquals("2" + ns(102), result("gettid", 2));
        assertEquals("2" + ns(302), result("getpgrp", 2));
        assertEquals("2" + ns(402), result("getsid", 2, 0));
        assertEquals("2" + ns(202), result("wait4", 2, -1, 0, 0, 0));
        assertEquals("2" + ns(202), result("getppid", 2)); // src/syscall_dummy.h: sys_getppid is sys_getpid
    }

    @Test
    void noCommentInJstracesOwnNamespaceWhenUnknownOrNotAsked() {
        assertEquals("7", arg("kill", 0, 7, 0));
        assertEquals("3", arg("kill", 0, 3, 0));
        assertEquals("2", render(Formatters.format(Calls.of("kill").args(2, 0).host(HOST).enter(), 0)));
    }

    @Test
    void aPidTypeArgumentNamesTheKind() {
        Call c = Calls.of("prctl").args(0, 0, 2, 3, 0).options(PIDNS).host(HOST).enter();
        assertEquals("2" + ns(402), render(Pids.ofKernelType(c, 2, 3)));
        assertEquals("2" + ns(102), render(Pids.ofKernelType(c, 2, 0)));
        assertEquals("2", render(Pids.ofKernelType(c, 2, 4)));
    }
}
