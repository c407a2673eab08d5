package io.jstrace.render;

import io.jstrace.core.StackTrace;

/**
 * A stack trace as strace 6.1's {@code -k} prints it under a syscall or signal line
 * (src/unwind.c): one {@code " > FILE(SYMBOL+0xOFFSET) [0xFILE_OFFSET]"} line per frame,
 * {@code " > FILE() [0x...]"} for a pc no symbol names, {@code " > unexpected_backtracing_error
 * [0xPC]"} for one outside every mapped file, and {@code " > too many stack frames"} after
 * the last of a truncated walk. C++ names print demangled ({@link Demangler}), as strace
 * built with {@code stack-demangle} prints them.
 */
public final class StackLines {
    private StackLines() {}

    /**
     * Appends {@code stack}'s lines. A stack taken at entry ({@code atEntry}: exit and
     * exit_group) is queued by strace and printed by a second path that writes an empty
     * symbol as {@code (+0x0)} where the other writes {@code ()}.
     */
    public static void append(StackTrace stack, boolean atEntry, StringBuilder out) {
        for (StackTrace.Frame f : stack.frames()) {
            out.append(" > ");
            if (f.file() == null) {
                out.append("unexpected_backtracing_error [0x").append(Long.toHexString(f.pc())).append("]\n");
                continue;
            }
            out.append(f.file()).append('(');
            if (f.symbol() != null && !f.symbol().isEmpty()) {
                String source = Demangler.demangle(f.symbol());
                out.append(source != null ? source : f.symbol()).append("+0x").append(Long.toHexString(f.symbolOffset()));
            } else if (atEntry) {
                out.append("+0x0");
            }
            out.append(") [0x").append(Long.toHexString(f.fileOffset())).append("]\n");
        }
        if (stack.truncated()) out.append(" > too many stack frames\n");
    }
}
