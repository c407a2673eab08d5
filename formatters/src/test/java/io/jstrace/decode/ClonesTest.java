package io.jstrace.decode;

import static io.jstrace.decode.Calls.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.FixedHostFacts;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Expected texts are strace 6.1's output for the same calls. */
class ClonesTest {
    private static final long CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_PIDFD = 0x1000, CLONE_THREAD = 0x10000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000,
            CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000,
            CLONE_NEWTIME = 0x80, CLONE_INTO_CGROUP = 0x200000000L, CLONE_CLEAR_SIGHAND = 0x100000000L;
    private static final long SIGCHLD = 17;
    private static final long P = 0x7ffc_476f_0f20L, ARGS = 0x7ffd_ced8_cb00L;
    private static final long EINVAL = -22;

    private static String fields(List<Value.Field> f) {
        return f.stream().map(x -> x.name() + "=" + render(x.value())).collect(Collectors.joining(", "));
    }

    /** x86_64 register order: flags, newsp, parent_tidptr, child_tidptr, tls. */
    private static Calls clone(long flags, long stack, long ptid, long ctid, long tls) {
        return Calls.of("clone").args(flags, stack, ptid, ctid, tls);
    }

    // ---- clone(2)

    @Test
    void forkLikeCloneAtEntryAndExit() {
        long flags = CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD;
        Calls c = clone(flags, 0, 0, 0x7efe0ce1ca10L, 0);
        assertEquals("child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
                fields(Clones.cloneArgs(c.enter())));
        assertEquals("child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
                + "child_tidptr=0x7efe0ce1ca10", fields(Clones.cloneArgs(c.exit(6971))));
    }

    @Test
    void parentTidReadAtExit() {
        FakeMemory m = new FakeMemory().putInts(P, 6972);
        assertEquals("child_stack=NULL, flags=CLONE_PARENT_SETTID|SIGCHLD, parent_tid=[6972]",
                fields(Clones.cloneArgs(clone(CLONE_PARENT_SETTID | SIGCHLD, 0, P, P + 4, 0).mem(m).exit(6972))));
        assertEquals("child_stack=NULL, flags=CLONE_PARENT_SETTID|CLONE_CHILD_SETTID|SIGCHLD, parent_tid=[6972], "
                + "child_tidptr=0x7ffc476f0f24", fields(Clones.cloneArgs(
                        clone(CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD, 0, P, P + 4, 0).mem(m).exit(6972))));
    }

    @Test
    void parentTidUnreadableNullOrFailed() {
        FakeMemory m = new FakeMemory().putInts(P, 0);
        assertEquals("child_stack=NULL, flags=CLONE_PARENT_SETTID|SIGCHLD, parent_tid=0x8",
                fields(Clones.cloneArgs(clone(CLONE_PARENT_SETTID | SIGCHLD, 0, 8, 0, 0).exit(6975))));
        assertEquals("child_stack=NULL, flags=CLONE_THREAD|CLONE_PARENT_SETTID|SIGCHLD, parent_tid=0x7ffc476f0f20",
                fields(Clones.cloneArgs(clone(CLONE_THREAD | CLONE_PARENT_SETTID | SIGCHLD, 0, P, 0, 0).mem(m)
                        .exit(EINVAL))));
        assertEquals("child_stack=NULL, flags=CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD, "
                + "parent_tid=NULL, tls=NULL, child_tidptr=NULL", fields(Clones.cloneArgs(
                        clone(CLONE_PARENT_SETTID | SIGCHLD | CLONE_CHILD_CLEARTID | CLONE_SETTLS, 0, 0, 0, 0)
                                .exit(6976))));
    }

    @Test
    void tls() {
        assertEquals("child_stack=NULL, flags=CLONE_SETTLS|SIGCHLD, tls=0x1234",
                fields(Clones.cloneArgs(clone(CLONE_SETTLS | SIGCHLD, 0, P, P, 0x1234).exit(6974))));
    }

    @Test
    void pidfdInParentTid() {
        FakeMemory m = new FakeMemory().putInts(P, 3);
        assertEquals("child_stack=NULL, flags=CLONE_PIDFD|SIGCHLD, parent_tid=[3]",
                fields(Clones.cloneArgs(clone(CLONE_PIDFD | SIGCHLD, 0, P, 0, 0).mem(m).exit(10662))));
        assertEquals("child_stack=NULL, flags=CLONE_PIDFD|SIGCHLD, parent_tid=NULL",
                fields(Clones.cloneArgs(clone(CLONE_PIDFD | SIGCHLD, 0, 0, 0, 0).exit(-14))));
        // a descriptor, as -y prints one (src/clone.c printnum_fd)
        var host = new FixedHostFacts().fd(3, "anon_inode:[pidfd]");
        assertEquals("child_stack=NULL, flags=CLONE_PIDFD|SIGCHLD, parent_tid=[3<anon_inode:[pidfd]>]",
                fields(Clones.cloneArgs(clone(CLONE_PIDFD | SIGCHLD, 0, P, 0, 0).mem(m)
                        .options(new DecodeOptions(32, false, true)).host(host).exit(10662))));
    }

    @Test
    void aarch64TakesTlsBeforeChildTid() {
        // arm64 CLONE_BACKWARDS: flags, newsp, parent_tid, tls, child_tid.
        Calls c = Calls.of("clone").aarch64()
                .args(CLONE_SETTLS | CLONE_CHILD_SETTID | SIGCHLD, 0x1000, 0, 0xAAAA, 0xCCCC);
        assertEquals("child_stack=0x1000, flags=CLONE_SETTLS|CLONE_CHILD_SETTID|SIGCHLD, tls=0xaaaa, "
                + "child_tidptr=0xcccc", fields(Clones.cloneArgs(c.exit(5))));
    }

    @Test
    void flagsWordShapes() {
        assertEquals("0", render(Clones.cloneFlags(0)));
        assertEquals("SIGCHLD", render(Clones.cloneFlags(SIGCHLD)));
        assertEquals("255", render(Clones.cloneFlags(0xff)));
        assertEquals("CLONE_PARENT_SETTID|145", render(Clones.cloneFlags(CLONE_PARENT_SETTID | 0x91)));
        assertEquals("SIGRTMIN", render(Clones.cloneFlags(32)));
        assertEquals("SIGRT_2", render(Clones.cloneFlags(34)));
        assertEquals("SIGRT_32", render(Clones.cloneFlags(64)));
        assertEquals("65", render(Clones.cloneFlags(65)));
    }

    @Test
    void flagsWordUnnamedBits() {
        assertEquals("0x100000000 /* CLONE_??? */|SIGCHLD", render(Clones.cloneFlags(CLONE_CLEAR_SIGHAND | SIGCHLD)));
        assertEquals("0x400000 /* CLONE_??? */|SIGCHLD", render(Clones.cloneFlags(0x400000 | SIGCHLD)));
        assertEquals("CLONE_FS|0x200400000|SIGCHLD",
                render(Clones.cloneFlags(0x400000 | CLONE_FS | SIGCHLD | CLONE_INTO_CGROUP)));
        assertEquals("0x400000 /* CLONE_??? */", render(Clones.cloneFlags(0x400000)));
    }

    // ---- clone3(2)

    /** struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup. */
    private static FakeMemory cloneArgs(long... v) {
        long[] all = java.util.Arrays.copyOf(v, 11);
        return new FakeMemory().putLongs(ARGS, all);
    }

    private static String struct(FakeMemory m, long size) {
        return render(Clones.cloneArgsStruct(Calls.of("clone3").args(ARGS, size).mem(m).enter(), 0));
    }

    @Test
    void clone3OfNullIsNull() {
        assertEquals("NULL", render(Clones.cloneArgsStruct(Calls.of("clone3").args(0, 88).enter(), 0)));
    }

    @Test
    void clone3OfAThread() {
        long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS
                | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
        long tid = 0x7efe0ce1b990L;
        FakeMemory m = cloneArgs(flags, 0, tid, tid, 0, 0x7efe0c61b000L, 0x7fff80, 0x7efe0ce1b6c0L).putInts(tid, 0);
        assertEquals("{flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|"
                + "CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7efe0ce1b990, parent_tid=0x7efe0ce1b990, "
                + "exit_signal=0, stack=0x7efe0c61b000, stack_size=0x7fff80, tls=0x7efe0ce1b6c0}", struct(m, 88));
        Call exit = Calls.of("clone3").args(ARGS, 88).mem(m).exit(6981);
        assertFalse(Clones.clone3DecodedAtEntry(exit, 0));
        assertEquals(" => {parent_tid=[0]}", clone3ExitSuffix(exit, 0));
    }

    @Test
    void clone3ForkLikeIsDecodedAtEntry() {
        FakeMemory m = cloneArgs(0, 0, 0, 0, SIGCHLD);
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}", struct(m, 88));
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}", struct(m, 64));
        Call exit = Calls.of("clone3").args(ARGS, 88).mem(m).exit(7026);
        assertTrue(Clones.clone3DecodedAtEntry(exit, 0));
        assertEquals("", clone3ExitSuffix(exit, 0));
    }

    @Test
    void clone3TooSmallNullOrUnreadable() {
        FakeMemory m = cloneArgs(0, 0, 0, 0, SIGCHLD);
        assertEquals("0x7ffdced8cb00", struct(m, 56));
        assertEquals("0x7ffdced8cb00", struct(m, 0));
        assertEquals("NULL", render(Clones.cloneArgsStruct(Calls.of("clone3").args(0, 88).enter(), 0)));
        assertEquals("0x8", render(Clones.cloneArgsStruct(Calls.of("clone3").args(8, 88).enter(), 0)));
        assertTrue(Clones.clone3DecodedAtEntry(Calls.of("clone3").args(8, 88).exit(-14), 0));
    }

    @Test
    void clone3ExitSignalNoSignalHasIsANumberInEveryStyle() {
        FakeMemory m = cloneArgs(0, 0, 0, 0, 250);
        Value v = Clones.cloneArgsStruct(Calls.of("clone3").args(ARGS, 64).mem(m).enter(), 0);
        for (XlatStyle style : XlatStyle.values()) {
            assertEquals("{flags=0, exit_signal=250, stack=NULL, stack_size=0}",
                    new StraceText(StraceText.Escape.OCTAL, style).render(v), style.toString());
        }
    }

    @Test
    void clone3StructCutByUnmappedMemory() {
        FakeMemory m = new FakeMemory().putLongs(ARGS, 0, 0, 0, 0, 17, 0, 0, 0, 0);
        assertEquals("0x7ffdced8cb00", struct(m, 88));
    }

    @Test
    void clone3PidfdAndParentTidWrittenBack() {
        long pidfd = P, ptid = P + 4;
        FakeMemory m = cloneArgs(CLONE_PIDFD | CLONE_PARENT_SETTID, pidfd, 0, ptid, SIGCHLD)
                .putInts(pidfd, 3).putInts(ptid, 7030);
        assertEquals("{flags=CLONE_PIDFD|CLONE_PARENT_SETTID, pidfd=0x7ffc476f0f20, parent_tid=0x7ffc476f0f24, "
                + "exit_signal=SIGCHLD, stack=NULL, stack_size=0}", struct(m, 88));
        assertEquals(" => {pidfd=[3], parent_tid=[7030]}",
                clone3ExitSuffix(Calls.of("clone3").args(ARGS, 88).mem(m).exit(7030), 0));
    }

    @Test
    void clone3UnreadableParentTidAtExit() {
        FakeMemory m = cloneArgs(CLONE_PARENT_SETTID, 0, 0, 8, SIGCHLD);
        assertEquals(" => {parent_tid=0x8}",
                clone3ExitSuffix(Calls.of("clone3").args(ARGS, 88).mem(m).exit(7033), 0));
    }

    @Test
    void clone3FailureWritesNothingBack() {
        FakeMemory m = cloneArgs(CLONE_PARENT_SETTID | CLONE_SETTLS, 0, 0, P, 0x100).putInts(P, 0);
        assertEquals("{flags=CLONE_SETTLS|CLONE_PARENT_SETTID, parent_tid=0x7ffc476f0f20, exit_signal=256, "
                + "stack=NULL, stack_size=0, tls=NULL}", struct(m, 88));
        assertEquals("", clone3ExitSuffix(Calls.of("clone3").args(ARGS, 88).mem(m).exit(EINVAL), 0));
    }

    @Test
    void clone3ExitSignals() {
        assertEquals("{flags=0, exit_signal=2147483647, stack=NULL, stack_size=0}", struct(cloneArgs(0, 0, 0, 0, 0x7fffffff), 88));
        assertEquals("{flags=0, exit_signal=2147483646, stack=NULL, stack_size=0}", struct(cloneArgs(0, 0, 0, 0, 0x7ffffffe), 88));
        assertEquals("{flags=0, exit_signal=4294967313, stack=NULL, stack_size=0}", struct(cloneArgs(0, 0, 0, 0, 0x100000011L), 88));
        assertEquals("{flags=0, exit_signal=SIGRT_2, stack=NULL, stack_size=0}", struct(cloneArgs(0, 0, 0, 0, 34), 88));
        assertEquals("{flags=0, exit_signal=200, stack=NULL, stack_size=0}", struct(cloneArgs(0, 0, 0, 0, 200), 88));
    }

    @Test
    void clone3Flags() {
        assertEquals("{flags=CLONE_VM|CLONE_FS|CLONE_NEWTIME|0x400000, exit_signal=SIGCHLD, stack=NULL, stack_size=0}",
                struct(cloneArgs(CLONE_NEWTIME | CLONE_VM | CLONE_FS | 0x400000, 0, 0, 0, SIGCHLD), 88));
        assertEquals("{flags=CLONE_FS|CLONE_CLEAR_SIGHAND|0x800000000, exit_signal=SIGCHLD, stack=NULL, stack_size=0}",
                struct(cloneArgs(CLONE_CLEAR_SIGHAND | CLONE_FS | (1L << 35), 0, 0, 0, SIGCHLD), 88));
        assertEquals("{flags=0x10000000000 /* CLONE_??? */, exit_signal=SIGCHLD, stack=NULL, stack_size=0}",
                struct(cloneArgs(1L << 40, 0, 0, 0, SIGCHLD), 88));
    }

    @Test
    void clone3SetTid() {
        FakeMemory m = cloneArgs(0, 0, 0, 0, SIGCHLD, 0x1000, 0x1000, 0, P, 2, 7).putInts(P, 0, 0);
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=0x1000, stack_size=0x1000, set_tid=[0, 0], set_tid_size=2, "
                + "cgroup=7}", struct(m, 88));
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, set_tid=NULL, set_tid_size=1}",
                struct(cloneArgs(0, 0, 0, 0, SIGCHLD, 0, 0, 0, 0, 1), 88));
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, set_tid=0x8, set_tid_size=33}",
                struct(cloneArgs(0, 0, 0, 0, SIGCHLD, 0, 0, 0, 8, 33), 88));
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, set_tid=0x8, set_tid_size=3}",
                struct(cloneArgs(0, 0, 0, 0, SIGCHLD, 0, 0, 0, 8, 3), 88));
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, set_tid=0x8, set_tid_size=0}",
                struct(cloneArgs(0, 0, 0, 0, SIGCHLD, 0, 0, 0, 8, 0), 88));
    }

    @Test
    void clone3SetTidRunningIntoUnmappedMemory() {
        FakeMemory m = cloneArgs(0, 0, 0, 0, SIGCHLD, 0, 0, 0, P, 3).putInts(P, 5, 6);
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, set_tid=[5, 6, ... /* 0x7ffc476f0f28 */], "
                + "set_tid_size=3}", struct(m, 88));
    }

    @Test
    void clone3Cgroup() {
        assertEquals("{flags=CLONE_INTO_CGROUP|0x10000000000, exit_signal=SIGCHLD, stack=NULL, stack_size=0, cgroup=0}",
                struct(cloneArgs(CLONE_INTO_CGROUP | (1L << 40), 0, 0, 0, SIGCHLD), 88));
        assertEquals("{flags=CLONE_INTO_CGROUP, exit_signal=SIGCHLD, stack=NULL, stack_size=0}",
                struct(cloneArgs(CLONE_INTO_CGROUP, 0, 0, 0, SIGCHLD, 0, 0, 0, 0, 0, 5), 80));
    }

    @Test
    void clone3BytesPastTheStruct() {
        FakeMemory zeros = cloneArgs(0, 0, 0, 0, SIGCHLD).put(ARGS + 88, new byte[32]);
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}", struct(zeros, 120));
        assertFalse(Clones.clone3DecodedAtEntry(Calls.of("clone3").args(ARGS, 120).mem(zeros).enter(), 0));
        byte[] tail = new byte[32];
        tail[8] = 0x55;
        FakeMemory m = cloneArgs(0, 0, 0, 0, SIGCHLD).put(ARGS + 88, tail);
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, /* bytes 88..119 */ "
                + "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x55\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                + "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"}", struct(m, 120));
    }

    @Test
    void clone3LongTailIsCutAtTheLimitAndThePage() {
        byte[] tail = new byte[4096];
        tail[40] = 1;
        FakeMemory m = cloneArgs(0, 0, 0, 0, SIGCHLD).put(ARGS + 88, tail);
        String hex32 = "\\x00".repeat(32);
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, /* bytes 88..199 */ \"" + hex32 + "\"...}",
                struct(m, 200));
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, /* bytes 88..4095 */ \"" + hex32
                + "\"...}", struct(m, 100000));
    }

    @Test
    void clone3UnreadableTail() {
        FakeMemory m = cloneArgs(0, 0, 0, 0, SIGCHLD);
        assertEquals("{flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0, ???}", struct(m, 96));
    }

    private static String clone3ExitSuffix(Call c, int i) {
        Value v = Clones.clone3WriteBack(c, i);
        return v == null ? "" : " => " + render(v);
    }
}
