package io.jstrace.decode;

import io.jstrace.decode.StraceText;
import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** personality, ioprio, kcmp, times, the robust list, unshare, setns and sethostname; strace 6.1's texts. */
class PersonasTasksTest {
    private static final long A = 0x7ffd044d_7490L;
    private static final long EFAULT = -14, EINVAL = -22;

    private static String fmt(Call c, int i) {
        return render(Formatters.format(c, i));
    }

    @Test
    void personaArgumentAndResult() {
        assertEquals("0xffffffff", fmt(Calls.of("personality").args(0xffffffffL).enter(), 0));
        assertEquals("PER_LINUX|ADDR_NO_RANDOMIZE", fmt(Calls.of("personality").args(0x40000).enter(), 0));
        assertEquals("0x1 /* PER_??? */|MMAP_PAGE_ZERO|STICKY_TIMEOUTS",
                fmt(Calls.of("personality").args(0x04100001).enter(), 0));
        assertEquals("PER_LINUX32|0x10000000", fmt(Calls.of("personality").args(0x10000008).enter(), 0));
        assertEquals("0x34 /* PER_??? */|0x1200", fmt(Calls.of("personality").args(0x1234).enter(), 0));
        assertEquals("0 (PER_LINUX)", render(Formatters.returnValue(Calls.of("personality").args(0).exit(0))));
        assertEquals("0x40000 (PER_LINUX|ADDR_NO_RANDOMIZE)",
                render(Formatters.returnValue(Calls.of("personality").args(0).exit(0x40000))));
    }

    @Test
    void personaAndIoprioUnderRawAndVerbose() {
        StraceText raw = new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW);
        StraceText verbose = new StraceText(StraceText.Escape.OCTAL, XlatStyle.VERBOSE);
        Call svr4 = Calls.of("personality").args(0x04100001).exit(0x40000);
        assertEquals("0x1|0x4100000", raw.render(Formatters.format(svr4, 0)));
        assertEquals("0x1 /* PER_??? */|0x4100000 /* MMAP_PAGE_ZERO|STICKY_TIMEOUTS */",
                verbose.render(Formatters.format(svr4, 0)));
        assertEquals("0x40000 (0 /* PER_LINUX */|0x40000 /* ADDR_NO_RANDOMIZE */)",
                verbose.render(Formatters.returnValue(svr4)));
        Call io = Calls.of("ioprio_get").args(1, 0).exit(16388);
        assertEquals("16388", raw.render(Formatters.returnValue(io)));
        assertEquals("16388 (IOPRIO_PRIO_VALUE(0x2 /* IOPRIO_CLASS_BE */, 4))", verbose.render(Formatters.returnValue(io)));
        assertEquals("16388 /* IOPRIO_PRIO_VALUE(0x2 /* IOPRIO_CLASS_BE */, 4) */",
                verbose.render(Formatters.format(Calls.of("ioprio_set").args(1, 0, 16388).enter(), 2)));
    }

    @Test
    void ioPriorities() {
        assertEquals("IOPRIO_WHO_PROCESS", fmt(Calls.of("ioprio_set").args(1, 0, 0).enter(), 0));
        assertEquals("IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)", fmt(Calls.of("ioprio_set").args(1, 0, 16388).enter(), 2));
        assertEquals("IOPRIO_PRIO_VALUE(0x7 /* IOPRIO_CLASS_??? */, 1)",
                fmt(Calls.of("ioprio_set").args(9, 0, 7 << 13 | 1).enter(), 2));
        assertEquals("0x9 /* IOPRIO_WHO_??? */", fmt(Calls.of("ioprio_set").args(9, 0, 0).enter(), 0));
        // the raw value is an int
        assertEquals("-87097619", new StraceText(StraceText.Escape.OCTAL, XlatStyle.RAW).render(
                Formatters.format(Calls.of("ioprio_set").args(1, 0, 0xfacefeedL).enter(), 2)));
        assertEquals("8196 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 4))",
                render(Formatters.returnValue(Calls.of("ioprio_get").args(1, 0).exit(8196))));
    }

    @Test
    void kcmpArgumentsByType() {
        Call vm = Calls.of("kcmp").args(5, 5, 1, 7, 8).exit(0);
        assertEquals(3, Formatters.visibleArgs(vm));
        assertEquals("KCMP_VM", fmt(vm, 2));
        Call file = Calls.of("kcmp").args(5, 5, 0, 1, 2).exit(0);
        assertEquals(5, Formatters.visibleArgs(file));
        assertEquals("2", fmt(file, 4));
        Call epoll = Calls.of("kcmp").args(5, 5, 7, 1, 0).exit(EFAULT);
        assertEquals("NULL", fmt(epoll, 4));
        Call unknown = Calls.of("kcmp").args(5, 5, 9, 0, 0x10).exit(EINVAL);
        assertEquals("0x9 /* KCMP_??? */", fmt(unknown, 2));
        assertEquals("0x10", fmt(unknown, 4));
    }

    @Test
    void timesStruct() {
        FakeMemory m = new FakeMemory().putLongs(A, 1, 2, 3, 4);
        assertEquals("{tms_utime=1 /* 0.01 s */, tms_stime=2 /* 0.02 s */, tms_cutime=3 /* 0.03 s */, tms_cstime=4 /* 0.04 s */}",
                fmt(Calls.of("times").args(A).mem(m).exit(1719841566), 0));
        assertEquals("NULL", fmt(Calls.of("times").args(0).exit(1719841566), 0));
        assertEquals("0x8", fmt(Calls.of("times").args(8).exit(EFAULT), 0));
        assertEquals("0x7ffd044d7498", fmt(Calls.of("times").args(A + 8).mem(m).exit(5), 0));
    }

    @Test
    void robustListPointers() {
        FakeMemory m = new FakeMemory().putLongs(A, 0xa8a3660L, 24);
        Call ok = Calls.of("get_robust_list").args(0, A, A + 8).mem(m).exit(0);
        assertEquals("[0xa8a3660]", fmt(ok, 1));
        assertEquals("[24]", fmt(ok, 2));
        assertEquals("0x7ffd044d7490", fmt(Calls.of("get_robust_list").args(99999, A, A + 8).mem(m).exit(-3), 1));
        assertEquals("0x7ffd044d74a0", fmt(Calls.of("get_robust_list").args(0, A + 16, A + 8).mem(m).exit(0), 1));
    }

    @Test
    void namespaceFlags() {
        assertEquals("CLONE_NEWIPC|0x80000000", fmt(Calls.of("unshare").args(0x88000000L).enter(), 0));
        assertEquals("0", fmt(Calls.of("unshare").args(0).enter(), 0));
        assertEquals("CLONE_NEWTIME|CLONE_NEWCGROUP|CLONE_NEWUSER|0x100",
                fmt(Calls.of("setns").args(-1, 0x12000180).enter(), 1));
        assertEquals("0x1 /* CLONE_NEW??? */", fmt(Calls.of("setns").args(-1, 1).enter(), 1));
    }

    @Test
    void hostNames() {
        FakeMemory m = new FakeMemory().putBytes(A, "jstrace-test");
        assertEquals("\"jstrace-test\"", fmt(Calls.of("sethostname").args(A, 12).mem(m).enter(), 0));
        assertEquals("0x7ffd044d7490", fmt(Calls.of("sethostname").args(A, 100).mem(m).enter(), 0));
        assertEquals("4294967295", fmt(Calls.of("sethostname").args(A, -1).mem(m).enter(), 1));
        assertEquals("NULL", fmt(Calls.of("setdomainname").args(0, 5).enter(), 0));
        assertEquals("0x7ffd044d7480", fmt(Calls.of("setdomainname").args(A - 16, 5).mem(m).enter(), 0));
    }
}
