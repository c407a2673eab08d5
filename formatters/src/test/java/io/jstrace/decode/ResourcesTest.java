package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's output for the same calls. */
class ResourcesTest {
    private static final long A = 0x7ffde422_0f60L;
    private static final long EFAULT = -14, EINVAL = -22;

    private static String getrlimit(FakeMemory m, long ret) {
        return render(Resources.rlimit(Calls.of("getrlimit").args(3, A).mem(m).exit(ret), 1));
    }

    private static String setrlimit(long cur, long max) {
        FakeMemory m = new FakeMemory().putLongs(A, cur, max);
        return render(Resources.rlimit(Calls.of("setrlimit").args(7, A).mem(m).enter(), 1));
    }

    @Test
    void rlimitInfinityAndKilobytes() {
        assertEquals("{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}",
                getrlimit(new FakeMemory().putLongs(A, 8192 * 1024, -1), 0));
    }

    @Test
    void rlimitPlainNumbers() {
        assertEquals("{rlim_cur=20000, rlim_max=20000}", setrlimit(20000, 20000));
        assertEquals("{rlim_cur=0, rlim_max=RLIM64_INFINITY}", setrlimit(0, -1));
        assertEquals("{rlim_cur=1024, rlim_max=1023}", setrlimit(1024, 1023));
    }

    @Test
    void rlimitMultiplesAbove1024() {
        assertEquals("{rlim_cur=1025, rlim_max=2*1024}", setrlimit(1025, 2048));
        assertEquals("{rlim_cur=1025*1024, rlim_max=9007199254740992*1024}", setrlimit(1025 * 1024, Long.MIN_VALUE));
        assertEquals("{rlim_cur=18446744073709551614, rlim_max=18014398509481983*1024}", setrlimit(-2, -1024));
    }

    @Test
    void rlimitNullFailedAndUnreadable() {
        FakeMemory m = new FakeMemory().putLongs(A, 0, -1);
        assertEquals("NULL", render(Resources.rlimit(Calls.of("getrlimit").args(4, 0).exit(EFAULT), 1)));
        assertEquals("0x7ffde4220f60", getrlimit(m, EINVAL));
        assertEquals("0x8", render(Resources.rlimit(Calls.of("getrlimit").args(4, 8).exit(EFAULT), 1)));
    }

    @Test
    void rlimitHalfReadablePrintsAddress() {
        FakeMemory m = new FakeMemory().putLongs(A, 0);
        assertEquals("0x7ffde4220f60", render(Resources.rlimit(Calls.of("setrlimit").args(99, A).mem(m).enter(), 1)));
    }

    @Test
    void prlimit64BothSides() {
        FakeMemory m = new FakeMemory().putLongs(A, 1073741824L * 1024, 1).putLongs(A + 16, 8192 * 1024, -1);
        Call ok = Calls.of("prlimit64").args(0, 3, A, A + 16).mem(m).exit(0);
        assertEquals("{rlim_cur=1073741824*1024, rlim_max=1}", render(Resources.rlimit(ok, 2)));
        assertEquals("{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}", render(Resources.rlimit(ok, 3)));
        Call failed = Calls.of("prlimit64").args(99999, 3, 0, A + 16).mem(m).exit(-3);
        assertEquals("NULL", render(Resources.rlimit(failed, 2)));
        assertEquals("0x7ffde4220f70", render(Resources.rlimit(failed, 3)));
    }

    private static FakeMemory rusageMemory() {
        long[] v = new long[18];
        v[0] = 0; v[1] = 18753; v[2] = 0; v[3] = 0;
        v[4] = 840; v[8] = 56; v[16] = 94; v[17] = 4;
        return new FakeMemory().putLongs(A, v);
    }

    @Test
    void rusageAbbreviated() {
        assertEquals("{ru_utime={tv_sec=0, tv_usec=18753}, ru_stime={tv_sec=0, tv_usec=0}, ...}",
                render(Resources.rusage(Calls.of("getrusage").args(0, A).mem(rusageMemory()).exit(0), 1)));
    }

    @Test
    void rusageVerbose() {
        assertEquals("{ru_utime={tv_sec=0, tv_usec=18753}, ru_stime={tv_sec=0, tv_usec=0}, ru_maxrss=840, ru_ixrss=0, "
                + "ru_idrss=0, ru_isrss=0, ru_minflt=56, ru_majflt=0, ru_nswap=0, ru_inblock=0, ru_oublock=0, "
                + "ru_msgsnd=0, ru_msgrcv=0, ru_nsignals=0, ru_nvcsw=94, ru_nivcsw=4}",
                render(Resources.rusage(Calls.of("getrusage").args(0, A).mem(rusageMemory()).verbose().exit(0), 1)));
    }

    @Test
    void rusageNullFailedAndUnreadable() {
        assertEquals("NULL", render(Resources.rusage(Calls.of("getrusage").args(0, 0).exit(EFAULT), 1)));
        assertEquals("0x7ffde4220f60",
                render(Resources.rusage(Calls.of("getrusage").args(99, A).mem(rusageMemory()).exit(EINVAL), 1)));
        FakeMemory half = new FakeMemory().putLongs(A, 1, 2, 3, 4);
        assertEquals("0x7ffde4220f60", render(Resources.rusage(Calls.of("getrusage").args(0, A).mem(half).exit(0), 1)));
    }

    @Test
    void wait4Rusage() {
        Call c = Calls.of("wait4").args(-1, 0, 0, A).mem(rusageMemory()).exit(5811);
        assertEquals("{ru_utime={tv_sec=0, tv_usec=18753}, ru_stime={tv_sec=0, tv_usec=0}, ...}",
                render(Resources.rusage(c, 3)));
    }

    @Test
    void pipeFds() {
        FakeMemory m = new FakeMemory().putInts(A, 3, 4);
        assertEquals("[3, 4]", render(Resources.pipeFds(Calls.of("pipe").args(A).mem(m).exit(0), 0)));
        assertEquals("[3, 4]", render(Resources.pipeFds(Calls.of("pipe2").args(A, 02000000).mem(m).exit(0), 0)));
        assertEquals("[3, 4]", render(Resources.pipeFds(Calls.of("socketpair").args(1, 1, 0, A).mem(m).exit(0), 3)));
    }

    @Test
    void pipeFdsNullFailedAndUnreadable() {
        FakeMemory half = new FakeMemory().putInts(A, 3);
        assertEquals("NULL", render(Resources.pipeFds(Calls.of("pipe2").args(0, 0).exit(EFAULT), 0)));
        assertEquals("0x7ffde4220f60", render(Resources.pipeFds(Calls.of("pipe2").args(A, -1).mem(half).exit(EINVAL), 0)));
        assertEquals("0x7ffde4220f60", render(Resources.pipeFds(Calls.of("pipe2").args(A, 0).mem(half).exit(0), 0)));
    }
}
