package io.jstrace.decode;

import io.jstrace.decode.StraceText;
import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's for the same calls. */
class PrctlsTest {
    private static final long A = 0x7ffd476d_aa68L, S = 0x47a004;
    private static final long EFAULT = -14, EINVAL = -22;
    private static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
            PR_GET_UNALIGN = 5, PR_SET_NAME = 15, PR_GET_NAME = 16, PR_CAPBSET_READ = 23, PR_SET_MM = 35,
            PR_SET_CHILD_SUBREAPER = 36, PR_GET_CHILD_SUBREAPER = 37, PR_SET_NO_NEW_PRIVS = 38,
            PR_GET_TID_ADDRESS = 40, PR_CAP_AMBIENT = 47, PR_GET_SPECULATION_CTRL = 52, PR_SET_VMA = 0x53564d41,
            PR_SET_PTRACER = 0x59616d61, PR_GET_SECUREBITS = 27, PR_SET_FP_MODE = 45, PR_GET_FP_MODE = 46,
            PR_SVE_SET_VL = 50, PR_SVE_GET_VL = 51, PR_SET_SPECULATION_CTRL = 53, PR_SET_TAGGED_ADDR_CTRL = 55,
            PR_GET_TAGGED_ADDR_CTRL = 56, PR_SET_SYSCALL_USER_DISPATCH = 59, PR_PAC_GET_ENABLED_KEYS = 61,
            PR_SCHED_CORE = 62, PR_SME_GET_VL = 64;
    private static final StraceText RAW = new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW),
            VERBOSE = new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE);

    /** The line's arguments as the text printer joins them (entry and exit parts together). */
    private static String line(Call c) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Formatters.visibleArgs(c); i++) parts.add(render(Formatters.format(c, i)));
        return String.join(", ", parts);
    }

    @Test
    void optionsWithoutArguments() {
        assertEquals("PR_GET_DUMPABLE", line(Calls.of("prctl").args(PR_GET_DUMPABLE, 1, 2, 3, 4).exit(1)));
        assertEquals("PR_GET_SECUREBITS", line(Calls.of("prctl").args(PR_GET_SECUREBITS).exit(0)));
        assertEquals("1 (SUID_DUMP_USER)",
                render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_DUMPABLE).exit(1))));
        assertNull(Formatters.returnValue(Calls.of("prctl").args(PR_GET_DUMPABLE).exit(9)));
        assertEquals("0x11 (SECBIT_NOROOT|SECBIT_KEEP_CAPS)",
                render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_SECUREBITS).exit(0x11))));
    }

    @Test
    void setters() {
        assertEquals("PR_SET_PDEATHSIG, SIGUSR1", line(Calls.of("prctl").args(PR_SET_PDEATHSIG, 10).enter()));
        assertEquals("PR_SET_PDEATHSIG, 200", line(Calls.of("prctl").args(PR_SET_PDEATHSIG, 200).enter()));
        assertEquals("99", new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE)
                .render(Formatters.format(Calls.of("prctl").args(PR_SET_PDEATHSIG, 99).enter(), 1)));
        assertEquals("PR_SET_DUMPABLE, 0x7 /* SUID_DUMP_??? */", line(Calls.of("prctl").args(PR_SET_DUMPABLE, 7).enter()));
        assertEquals("PR_CAPBSET_READ, CAP_SYS_ADMIN", line(Calls.of("prctl").args(PR_CAPBSET_READ, 21).enter()));
        assertEquals("PR_SET_NO_NEW_PRIVS, 1, 0x1, 0, 0", line(Calls.of("prctl").args(PR_SET_NO_NEW_PRIVS, 1, 1).enter()));
        assertEquals("PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0",
                line(Calls.of("prctl").args(PR_CAP_AMBIENT, 1, 0).enter()));
        assertEquals("PR_SET_MM, PR_SET_MM_START_CODE, 0, 0, 0", line(Calls.of("prctl").args(PR_SET_MM, 1).enter()));
        assertEquals("PR_SET_VMA, PR_SET_VMA_ANON_NAME, NULL, 0, NULL", line(Calls.of("prctl").args(PR_SET_VMA).enter()));
        assertEquals("PR_SET_PTRACER, PR_SET_PTRACER_ANY", line(Calls.of("prctl").args(PR_SET_PTRACER, -1).enter()));
        assertEquals("PR_SET_CHILD_SUBREAPER, 1", line(Calls.of("prctl").args(PR_SET_CHILD_SUBREAPER, 1).enter()));
        assertEquals("0x7777 /* PR_??? */, 0x1, 0x2, 0x3, 0x4", line(Calls.of("prctl").args(0x7777, 1, 2, 3, 4).enter()));
    }

    @Test
    void taskNames() {
        FakeMemory m = new FakeMemory().putString(S, "a-very-long-task-name");
        assertEquals("PR_SET_NAME, \"a-very-long-tas\"...", line(Calls.of("prctl").args(PR_SET_NAME, S).mem(m).enter()));
        assertEquals("PR_SET_NAME, NULL", line(Calls.of("prctl").args(PR_SET_NAME, 0).enter()));
        FakeMemory exact = new FakeMemory().putString(S, "Reference Handl");
        assertEquals("PR_SET_NAME, \"Reference Handl\"...", line(Calls.of("prctl").args(PR_SET_NAME, S).mem(exact).enter()));
        FakeMemory shorter = new FakeMemory().putString(S, "Reference Hand");
        assertEquals("PR_SET_NAME, \"Reference Hand\"", line(Calls.of("prctl").args(PR_SET_NAME, S).mem(shorter).enter()));
        FakeMemory got = new FakeMemory().putString(A, "proc-test");
        Call get = Calls.of("prctl").args(PR_GET_NAME, A).mem(got).exit(0);
        assertEquals(1, Formatters.entryArgs(get, Formatters.visibleArgs(get)));
        assertEquals("PR_GET_NAME, \"proc-test\"", line(get));
        assertEquals("PR_GET_NAME, 0x7ffd476daa68", line(Calls.of("prctl").args(PR_GET_NAME, A).mem(got).exit(EFAULT)));
    }

    @Test
    void gettersFillingAPointer() {
        FakeMemory m = new FakeMemory().putInts(A, 10).putLongs(A + 8, 0x43a2650);
        assertEquals("PR_GET_PDEATHSIG, [SIGUSR1]", line(Calls.of("prctl").args(PR_GET_PDEATHSIG, A).mem(m).exit(0)));
        assertEquals("PR_GET_CHILD_SUBREAPER, [10]",
                line(Calls.of("prctl").args(PR_GET_CHILD_SUBREAPER, A).mem(m).exit(0)));
        assertEquals("PR_GET_TID_ADDRESS, [0x43a2650]",
                line(Calls.of("prctl").args(PR_GET_TID_ADDRESS, A + 8).mem(m).exit(0)));
        assertEquals("PR_GET_CHILD_SUBREAPER, NULL", line(Calls.of("prctl").args(PR_GET_CHILD_SUBREAPER, 0).exit(EFAULT)));
        assertEquals("PR_GET_UNALIGN, 0x7ffd476daa68", line(Calls.of("prctl").args(PR_GET_UNALIGN, A).mem(m).exit(EINVAL)));
        assertEquals("PR_GET_PDEATHSIG, 0x10", line(Calls.of("prctl").args(PR_GET_PDEATHSIG, 0x10).exit(0)));
    }

    @Test
    void seccompFilterProgram() {
        FakeMemory m = new FakeMemory().putLongs(A, 3, 0x7ffecfb57280L);
        assertEquals("PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=3, filter=0x7ffecfb57280}",
                line(Calls.of("prctl").args(22, 2, A).mem(m).exit(EINVAL)));
        assertEquals("PR_SET_SECCOMP, SECCOMP_MODE_FILTER, 0x8", line(Calls.of("prctl").args(22, 2, 8).exit(EFAULT)));
        assertEquals("PR_SET_SECCOMP, SECCOMP_MODE_STRICT", line(Calls.of("prctl").args(22, 1).exit(EINVAL)));
        assertEquals("PR_SET_SECCOMP, 0x7 /* SECCOMP_MODE_??? */, 0x1, 0x2, 0x3",
                line(Calls.of("prctl").args(22, 7, 1, 2, 3).exit(EINVAL)));
    }

    @Test
    void speculationControl() {
        Call c = Calls.of("prctl").args(PR_GET_SPECULATION_CTRL, 0).exit(2);
        assertEquals("PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS", line(c));
        assertEquals("0x2 (PR_SPEC_ENABLE)", render(Formatters.returnValue(c)));
        assertEquals("0x2", new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(Formatters.returnValue(c)));
        assertEquals("0x2 (PR_SPEC_ENABLE)",
                new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE).render(Formatters.returnValue(c)));
    }

    @Test
    void archPrctl() {
        FakeMemory m = new FakeMemory().putLongs(A, 0xa8a3380L, 0);
        assertEquals("ARCH_GET_FS, [0xa8a3380]", line(Calls.of("arch_prctl").args(0x1003, A).mem(m).exit(0)));
        assertEquals("ARCH_GET_GS, [NULL]", line(Calls.of("arch_prctl").args(0x1004, A + 8).mem(m).exit(0)));
        assertEquals("ARCH_GET_FS, NULL", line(Calls.of("arch_prctl").args(0x1003, 0).exit(EFAULT)));
        assertEquals("ARCH_GET_FS, 0x7ffd476daa78", line(Calls.of("arch_prctl").args(0x1003, A + 16).mem(m).exit(0)));
        assertEquals("ARCH_SET_FS, 0xa8a3380", line(Calls.of("arch_prctl").args(0x1002, 0xa8a3380L).enter()));
        assertEquals("ARCH_GET_CPUID", line(Calls.of("arch_prctl").args(0x1011, 0).exit(1)));
        assertEquals("0x1234 /* ARCH_??? */, 0", line(Calls.of("arch_prctl").args(0x1234, 0).exit(EINVAL)));
    }

    @Test
    void speculationStates() {
        assertEquals("0 (PR_SPEC_NOT_AFFECTED)",
                render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_SPECULATION_CTRL, 1).exit(0))));
        assertEquals("0x20", render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_SPECULATION_CTRL, 2).exit(32))));
        assertEquals("0x2a (PR_SPEC_ENABLE|PR_SPEC_FORCE_DISABLE|0x20)",
                render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_SPECULATION_CTRL, 0).exit(42))));
        assertNull(Formatters.returnValue(Calls.of("prctl").args(PR_GET_SPECULATION_CTRL, 3).exit(42)));
        // the state set is one value, not a set of bits: PR_SPEC_PRCTL is not one of them
        assertEquals("PR_SET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, PR_SPEC_FORCE_DISABLE",
                line(Calls.of("prctl").args(PR_SET_SPECULATION_CTRL, 0, 8).exit(0)));
        assertEquals("PR_SET_SPECULATION_CTRL, PR_SPEC_L1D_FLUSH, 0x1 /* PR_SPEC_??? */",
                line(Calls.of("prctl").args(PR_SET_SPECULATION_CTRL, 2, 1).exit(EINVAL)));
        assertEquals("PR_SET_SPECULATION_CTRL, 0x3 /* PR_SPEC_??? */, 0x1",
                line(Calls.of("prctl").args(PR_SET_SPECULATION_CTRL, 3, 1).exit(EINVAL)));
    }

    @Test
    void hexAnswersNameOnlyTheBitsTheyHave() {
        assertEquals("0x100", render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_SECUREBITS).exit(0x100))));
        assertEquals("0x101 (SECBIT_NOROOT|0x100)",
                render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_SECUREBITS).exit(0x101))));
        assertEquals("0x23 (PR_FP_MODE_FR|PR_FP_MODE_FRE|0x20)",
                render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_FP_MODE).exit(0x23))));
        assertNull(Formatters.returnValue(Calls.of("prctl").args(PR_GET_FP_MODE).exit(0)));
        assertEquals("PR_SET_FP_MODE, PR_FP_MODE_FR|PR_FP_MODE_FRE|0x20",
                line(Calls.of("prctl").args(PR_SET_FP_MODE, 0x23, 7).exit(EINVAL)));
        assertEquals("PR_SET_FP_MODE, 0x20 /* PR_FP_MODE_??? */", line(Calls.of("prctl").args(PR_SET_FP_MODE, 0x20).exit(EINVAL)));
        Call keys = Calls.of("prctl").args(PR_PAC_GET_ENABLED_KEYS).exit(30);
        assertEquals("PR_PAC_GET_ENABLED_KEYS, 0, 0, 0, 0", line(keys));
        assertEquals("0x1e (PR_PAC_APIBKEY|PR_PAC_APDAKEY|PR_PAC_APDBKEY|0x10)", render(Formatters.returnValue(keys)));
        assertEquals("0x1e", RAW.render(Formatters.returnValue(keys)));
    }

    @Test
    void vectorLengths() {
        Call flagged = Calls.of("prctl").args(PR_SVE_SET_VL, 0x600ff, 1, 2, 3).exit(0x2ea57);
        assertEquals("PR_SVE_SET_VL, PR_SVE_SET_VL_ONEXEC|PR_SVE_VL_INHERIT|0xff", line(flagged));
        assertEquals("0x600ff /* PR_SVE_SET_VL_ONEXEC|PR_SVE_VL_INHERIT|0xff */", VERBOSE.render(Formatters.format(flagged, 1)));
        assertEquals("0x600ff", RAW.render(Formatters.format(flagged, 1)));
        assertEquals("0x2ea57 (PR_SVE_VL_INHERIT|0xea57)", render(Formatters.returnValue(flagged)));
        assertEquals("0x2ea57", RAW.render(Formatters.returnValue(flagged)));
        Call unnamed = Calls.of("prctl").args(PR_SVE_SET_VL, 0x10000).exit(0xdead);
        assertEquals("PR_SVE_SET_VL, 0x10000|0", line(unnamed));
        assertEquals("0xdead", render(Formatters.returnValue(unnamed)));
        assertEquals("PR_SVE_SET_VL, 0xdead", line(Calls.of("prctl").args(PR_SVE_SET_VL, 0xdead).exit(EINVAL)));
        assertEquals("0xdead", VERBOSE.render(Formatters.format(Calls.of("prctl").args(PR_SVE_SET_VL, 0xdead).exit(EINVAL), 1)));
        Call sme = Calls.of("prctl").args(PR_SME_GET_VL, 1, 2).exit(0x40010);
        assertEquals("PR_SME_GET_VL", line(sme));
        assertEquals("0x40010 (PR_SME_SET_VL_ONEXEC|0x10)", render(Formatters.returnValue(sme)));
        assertNull(Formatters.returnValue(Calls.of("prctl").args(PR_SVE_GET_VL).exit(0)));
    }

    @Test
    void taggedAddressControl() {
        Call set = Calls.of("prctl").args(PR_SET_TAGGED_ADDR_CTRL, 0x57ae57f4L, 1, 2, 3).exit(EINVAL);
        assertEquals("PR_SET_TAGGED_ADDR_CTRL, !PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_ASYNC|0xcafe<<PR_MTE_TAG_SHIFT|0x57a80000, "
                + "0x1, 0x2, 0x3", line(set));
        assertEquals("0x57ae57f4 /* !PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_ASYNC|0xcafe<<PR_MTE_TAG_SHIFT|0x57a80000 */",
                VERBOSE.render(Formatters.format(set, 1)));
        assertEquals("0 /* !PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_NONE */",
                VERBOSE.render(Formatters.format(Calls.of("prctl").args(PR_SET_TAGGED_ADDR_CTRL, 0).exit(EINVAL), 1)));
        Call get = Calls.of("prctl").args(PR_GET_TAGGED_ADDR_CTRL).exit(0xf);
        assertEquals("PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0", line(get));
        assertEquals("0xf (PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_MASK|0x1<<PR_MTE_TAG_SHIFT)", render(Formatters.returnValue(get)));
        assertEquals("0 (!PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_NONE)",
                render(Formatters.returnValue(Calls.of("prctl").args(PR_GET_TAGGED_ADDR_CTRL).exit(0))));
        assertEquals("0xf", RAW.render(Formatters.returnValue(get)));
    }

    @Test
    void syscallUserDispatch() {
        assertEquals("PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, 0xdeadbeef, 0, NULL",
                line(Calls.of("prctl").args(PR_SET_SYSCALL_USER_DISPATCH, 1, 0xdeadbeefL, 0, 0).exit(EINVAL)));
        assertEquals("PR_SET_SYSCALL_USER_DISPATCH, 0x2 /* PR_SYS_DISPATCH_??? */, 0x1, 0x1, 0x7ffd476daa68",
                line(Calls.of("prctl").args(PR_SET_SYSCALL_USER_DISPATCH, 2, 1, 1, A).exit(EINVAL)));
    }

    @Test
    void coreScheduling() {
        FakeMemory m = new FakeMemory().putLongs(A, 0xdeadc0debadc0dedL);
        Call get = Calls.of("prctl").args(PR_SCHED_CORE, 0xffffffff_00000000L, 42, 1, A).mem(m).exit(0);
        assertEquals(4, Formatters.entryArgs(get, Formatters.visibleArgs(get)));
        assertEquals("PR_SCHED_CORE, PR_SCHED_CORE_GET, 42, 0x1 /* PIDTYPE_TGID */, [0xdeadc0debadc0ded]", line(get));
        assertEquals("0x1", RAW.render(Formatters.format(get, 3)));
        assertEquals("0x1 /* PIDTYPE_TGID */", VERBOSE.render(Formatters.format(get, 3)));
        assertEquals("PR_SCHED_CORE, PR_SCHED_CORE_GET, 42, 0 /* PIDTYPE_PID */, 0x7ffd476daa68",
                line(Calls.of("prctl").args(PR_SCHED_CORE, 0, 42, 0, A).mem(m).exit(EINVAL)));
        Call share = Calls.of("prctl").args(PR_SCHED_CORE, 2, -1, 0xffffffffL, A).mem(m).exit(EINVAL);
        assertEquals(5, Formatters.entryArgs(share, Formatters.visibleArgs(share)));
        assertEquals("PR_SCHED_CORE, PR_SCHED_CORE_SHARE_TO, -1, 0xffffffff /* PIDTYPE_??? */, 0x7ffd476daa68", line(share));
        assertEquals("PR_SCHED_CORE, 0x4 /* PR_SCHED_CORE_??? */, 1, 0x3 /* PIDTYPE_SID */, NULL",
                line(Calls.of("prctl").args(PR_SCHED_CORE, 4, 1, 3, 0).exit(EINVAL)));
    }

    @Test
    void xsavePermissionRequests() {
        Call req = Calls.of("arch_prctl").args(0x1023, 18).exit(0x60003);
        assertEquals("ARCH_REQ_XCOMP_PERM, 0x12 /* XFEATURE_XTILE_DATA */", line(req));
        assertEquals("0x12", RAW.render(Formatters.format(req, 1)));
        assertEquals("0x60003 (XFEATURE_MASK_FPSSE|XFEATURE_MASK_XTILE)", render(Formatters.returnValue(req)));
        assertEquals("ARCH_REQ_XCOMP_GUEST_PERM, 0xb /* XFEATURE_??? */",
                line(Calls.of("arch_prctl").args(0x1025, 11).exit(-95)));
        assertNull(Formatters.returnValue(Calls.of("arch_prctl").args(0x1023, 0).exit(0)));
    }
}
