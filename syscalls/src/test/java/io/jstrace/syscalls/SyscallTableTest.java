package io.jstrace.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.arch.Aarch64;
import io.jstrace.arch.X86_64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Numbers joined with the catalogue, per architecture. */
class SyscallTableTest {

    private static final SyscallTable X86 = SyscallTable.of(X86_64.INSTANCE);
    private static final SyscallTable ARM = SyscallTable.of(Aarch64.INSTANCE);

    @Test
    void builtOncePerArch() {
        assertSame(X86, SyscallTable.of(X86_64.INSTANCE));
        assertSame(X86_64.INSTANCE, X86.arch());
        assertSame(Aarch64.INSTANCE, ARM.arch());
    }

    @Test
    void x86_64NumbersNameCatalogueRows() {
        assertEquals(SyscallCatalog.get("openat"), X86.get(257));
        assertEquals(SyscallCatalog.get("read"), X86.get(0));
        assertEquals(SyscallCatalog.get("exit_group"), X86.get(231));
        assertEquals(SyscallCatalog.get("rseq"), X86.get(334));
        assertEquals(SyscallCatalog.get("clone3"), X86.get(435));
        assertEquals(257, X86.number("openat"));
        assertEquals(-1, X86.number("no_such_syscall"));
    }

    @Test
    void aarch64NumbersNameCatalogueRows() {
        assertEquals(SyscallCatalog.get("openat"), ARM.get(56));
        assertEquals(SyscallCatalog.get("read"), ARM.get(63));
        assertEquals(SyscallCatalog.get("exit_group"), ARM.get(94));
        assertEquals(SyscallCatalog.get("newfstatat"), ARM.get(79));
        assertEquals(SyscallCatalog.get("clone3"), ARM.get(435));
        assertEquals(56, ARM.number("openat"));
        assertEquals(-1, ARM.number("open"));
    }

    /** strace 6.1 prints {@code syscall(1000, 1, 2, 3, 4, 5, 6)} as {@code syscall_0x3e8(0x1, 0x2, 0x3, 0x4, 0x5, 0x6)}. */
    @Test
    void unknownNumberIsSixHexArguments() {
        SyscallInfo info = X86.get(1000);
        assertEquals("syscall_0x3e8", info.name());
        assertEquals(6, info.args().size());
        assertTrue(info.args().stream().allMatch(a -> a.spec() == FormatSpecifier.HEX));
        assertEquals(List.of("arg0", "arg1", "arg2", "arg3", "arg4", "arg5"),
                info.args().stream().map(Arg::name).toList());
        assertEquals(Set.of(), info.categories());
        assertEquals(Ret.DECIMAL, info.ret());
        assertEquals(info, ARM.get(1000));
    }

    /** Holes inside the table (x86_64 335..423 minus the uprobe calls; arm64 244..259) are unknown too. */
    @Test
    void holesAreUnknown() {
        assertEquals("syscall_0x190", X86.get(400).name());
        assertEquals("syscall_0xf4", ARM.get(244).name());
        assertEquals(6, ARM.get(244).args().size());
    }

    @Test
    void everyNumberedSlotHasItsCatalogueRow() {
        for (var table : List.of(X86, ARM)) {
            var numbers = table.arch().syscalls();
            for (int nr = 0; nr < numbers.size(); nr++) {
                String name = numbers.name(nr);
                if (name == null) continue;
                assertEquals(name, table.get(nr).name(), table.arch() + " " + nr);
                if (!name.equals("clone")) assertSame(SyscallCatalog.get(name), table.get(nr), name);
            }
        }
    }
}
