package io.jstrace.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jstrace.arch.X86_64;
import io.jstrace.syscalls.Arg;
import io.jstrace.syscalls.FormatSpecifier;
import io.jstrace.syscalls.Phase;
import io.jstrace.syscalls.SyscallInfo;
import io.jstrace.syscalls.SyscallTable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every argument of every x86_64 syscall, hence every {@link FormatSpecifier}, decoded with
 * each argument register holding one address {@code A}, against three memories: nothing
 * readable, a page of zeros at {@code A}, and only the first four bytes of that page. No
 * decoder may throw; one that reads memory (its text differs between the first two) must
 * print the address when nothing is readable, as strace's {@code printaddr} fallback does.
 * Arguments a call does not print (futex's unused ones, clone's by its flags) are skipped.
 */
class UnreadableMemoryTest {
    private static final long A = 0x7f00_0000_1000L;
    private static final String ADDRESS = "0x7f0000001000";
    private static final long EFAULT = -14;

    static Stream<String> syscalls() {
        SyscallTable table = SyscallTable.of(X86_64.INSTANCE);
        List<String> names = new ArrayList<>();
        for (int nr = 0; nr < X86_64.INSTANCE.syscalls().size(); nr++) {
            String name = X86_64.INSTANCE.syscalls().name(nr);
            if (name != null) names.add(table.get(nr).name());
        }
        return names.stream();
    }

    @Test
    void everySpecifierIsUsedBySomeRow() {
        Set<FormatSpecifier> used = EnumSet.noneOf(FormatSpecifier.class);
        syscalls().forEach(name -> info(name).args().forEach(a -> used.add(a.spec())));
        assertEquals(EnumSet.allOf(FormatSpecifier.class), used);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syscalls")
    void decodersPrintTheAddressOfWhatTheyCannotRead(String name) {
        List<Arg> args = info(name).args();
        for (int i = 0; i < args.size(); i++) {
            boolean atExit = args.get(i).spec().phase() == Phase.EXIT;
            for (long ret : atExit ? new long[] {0, 1, EFAULT} : new long[] {0}) {
                String unreadable = decode(name, i, atExit, ret, new FakeMemory());
                String zeros = decode(name, i, atExit, ret, new FakeMemory().put(A, new byte[4096]));
                decode(name, i, atExit, ret, new FakeMemory().put(A, new byte[4]));
                if (!unreadable.equals(zeros)) {
                    assertTrue(unreadable.contains(ADDRESS), name + " argument " + i + " (" + args.get(i).spec()
                            + ", ret " + ret + ") read memory but printed " + unreadable + " when it could not");
                }
            }
        }
    }

    private static SyscallInfo info(String name) {
        SyscallTable table = SyscallTable.of(X86_64.INSTANCE);
        return table.get(table.number(name));
    }

    private static String decode(String name, int i, boolean atExit, long ret, FakeMemory memory) {
        Calls calls = Calls.of(name).args(A, A, A, A, A, A).mem(memory);
        try {
            Call call = atExit ? calls.exit(ret) : calls.enter();
            if (i >= Formatters.visibleArgs(call)) return "";
            String text = Calls.render(Formatters.format(call, i));
            if (atExit) {
                Value rv = Formatters.returnValue(call);
                if (rv != null) text += " = " + Calls.render(rv);
            }
            return text;
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(name + " argument " + i + " threw on tracee data", e);
            return null;
        }
    }
}
