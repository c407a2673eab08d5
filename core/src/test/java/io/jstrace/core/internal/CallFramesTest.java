package io.jstrace.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.internal.elf.CallFrames;
import io.jstrace.core.internal.elf.CfiRow;
import io.jstrace.core.internal.elf.DwarfExpression;
import io.jstrace.core.internal.elf.ElfFile;
import io.jstrace.core.internal.elf.SymbolIndex;
import io.jstrace.testdata.TestPrograms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The call-frame table read from libc's .eh_frame against binutils: every row {@code readelf
 * --debug-dump=frames-interp} prints (the CFA rule and each register's), at the row's first
 * and last address; and the DWARF expressions the PLT and signal trampolines use.
 */
class CallFramesTest {
    private static final Path LIBC = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
    /** readelf's x86_64 register names, by DWARF number. */
    private static final List<String> NAMES = List.of("rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8",
            "r9", "r10", "r11", "r12", "r13", "r14", "r15", "ra");

    static boolean haveReadelf() {
        return TestPrograms.onPath("readelf") != null && Files.exists(LIBC);
    }

    @Test
    @EnabledIf("haveReadelf")
    void everyRowReadelfPrints() throws Exception {
        Process p = new ProcessBuilder("readelf", "--debug-dump=frames-interp", LIBC.toString()).start();
        // a register rule prints as "r9 (r9)", "r1 (rdx)": its DWARF number and name; the name is kept
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                .map(l -> l.replaceAll("\\br\\d+ \\((\\w+)\\)", "$1")).toList();
        p.waitFor();
        CallFrames frames = CallFrames.of(ElfFile.read(LIBC, Set.of()));
        List<String> columns = null;
        long end = 0;
        int rows = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains(" CIE ")) {
                end = 0; // a CIE's initial row: no address of its own
            } else if (l.contains(" FDE ")) {
                end = Long.parseUnsignedLong(l.substring(l.indexOf("..") + 2), 16);
                columns = null;
            } else if (l.startsWith("   LOC")) {
                columns = List.of(l.trim().split("\\s+"));
            } else if (columns != null && end != 0 && !l.isBlank()) {
                String[] f = l.trim().split("\\s+");
                long loc = Long.parseUnsignedLong(f[0], 16);
                String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
                long last = next.isBlank() ? end - 1 : Long.parseUnsignedLong(next.trim().split("\\s+")[0], 16) - 1;
                for (long at : new long[] {loc, last}) {
                    CfiRow row = frames.row(at);
                    assertNotNull(row, l);
                    for (int c = 1; c < columns.size(); c++) assertEquals(f[c], show(row, columns.get(c)), l + " at " + at);
                    rows++;
                }
            } else if (l.isBlank()) {
                columns = null;
            }
        }
        assertTrue(rows > 10000, "rows checked: " + rows);
        assertNull(frames.row(0), "no FDE covers address 0");
    }

    /** A column as readelf shows it: CFA {@code rsp+8} or {@code exp}; a register {@code u}, {@code c-16}, {@code exp}, ... */
    private static String show(CfiRow row, String column) {
        if (column.equals("CFA")) {
            return row.cfaExpression() != null ? "exp" : NAMES.get(row.cfaRegister()) + "+" + row.cfaOffset();
        }
        int reg = NAMES.indexOf(column);
        return switch (row.rule(reg)) {
            case UNDEFINED, SAME_VALUE -> "u";
            case OFFSET -> "c" + (row.operand(reg) >= 0 ? "+" : "") + row.operand(reg);
            case VAL_OFFSET -> "v" + (row.operand(reg) >= 0 ? "+" : "") + row.operand(reg);
            case REGISTER -> NAMES.get((int) row.operand(reg));
            case EXPRESSION -> "exp";
            case VAL_EXPRESSION -> "vexp";
        };
    }

    /**
     * The PLT's CFA (binutils' elf_x86_64_eh_frame_plt): {@code rsp + 8 + (rip & 15 >= 11 ? 8 : 0)};
     * and a register saved at a frame offset ({@code DW_OP_breg7 160; DW_OP_deref}).
     */
    @Test
    void expressionsOfThePltAndSignalFrames() {
        byte[] plt = {0x77, 8, (byte) 0x80, 0, 0x3f, 0x1a, 0x3b, 0x2a, 0x33, 0x24, 0x22};
        Map<Integer, Long> regs = Map.of(7, 0x7ffd0000L, 16, 0x401020L + 12);
        DwarfExpression.Machine m = machine(regs, Map.of());
        assertEquals(0x7ffd0000L + 16, DwarfExpression.evaluate(plt, m, null));
        assertEquals(0x7ffd0000L + 8, DwarfExpression.evaluate(plt, machine(Map.of(7, 0x7ffd0000L, 16, 0x401024L),
                Map.of()), null));
        byte[] saved = {0x77, (byte) 0xa0, 0x01, 0x06};
        assertEquals(0x1234L, DwarfExpression.evaluate(saved, machine(regs, Map.of(0x7ffd0000L + 160, 0x1234L)), null));
    }

    /** The nearest function symbol at or below an address, as libunwind picks it. */
    @Test
    @EnabledIf("haveReadelf")
    void symbolsByAddress() {
        ElfFile libc = ElfFile.read(LIBC, Set.of("getpid"));
        SymbolIndex symbols = SymbolIndex.of(libc);
        long getpid = libc.function("getpid");
        SymbolIndex.Symbol s = symbols.at(getpid + 7);
        assertEquals(getpid, s.value());
        assertTrue(s.name().endsWith("getpid"), s.name());
        assertNull(symbols.at(0));
    }

    private static DwarfExpression.Machine machine(Map<Integer, Long> regs, Map<Long, Long> memory) {
        return new DwarfExpression.Machine() {
            @Override
            public long register(int reg) {
                Long v = regs.get(reg);
                if (v == null) throw new IllegalStateException("register " + reg);
                return v;
            }

            @Override
            public long memory(long address) {
                Long v = memory.get(address);
                if (v == null) throw new IllegalStateException("unreadable");
                return v;
            }
        };
    }
}
