package io.jstrace.render;

import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.DecodedSyscall.Buffer;
import io.jstrace.decode.DecodedSyscall.Bytes;
import io.jstrace.decode.DecodedSyscall.Dump;
import io.jstrace.decode.DecodedSyscall.Message;
import io.jstrace.core.SyscallExit;
import io.jstrace.decode.StraceText;
import io.jstrace.syscalls.Errno;
import io.jstrace.syscalls.ErrnoNames;
import java.util.List;

/**
 * A decoded syscall laid out as strace lays it out (src/syscall.c syscall_entering_trace,
 * syscall_exiting_trace): the part printed at entry, the part printed at exit, the result
 * after {@code " = "}, and the {@code -e read=}/{@code -e write=} dump lines.
 */
public final class SyscallLine {
    private final StraceText text;
    private final Colors colors;

    public SyscallLine(StraceText text) {
        this(text, Colors.NONE);
    }

    /** With {@code colors} for the name and the result ({@code --color}). */
    public SyscallLine(StraceText text, Colors colors) {
        this.text = text;
        this.colors = colors;
    }

    /**
     * {@code name(} and the arguments known at entry; the {@code ", "} before the missing
     * ones, unless the syscall prints it at exit; rt_sigreturn's mask.
     */
    public void head(DecodedSyscall c, StringBuilder out) {
        colors.append(out, Colors.Kind.SYSCALL, c.name());
        out.append('(');
        if (c.resumes() != null) out.append("<... resuming interrupted ").append(c.resumes()).append(" ...>");
        args(c, 0, c.entryArgs(), out);
        if (c.entryArgs() > 0 && c.entryArgs() < c.visibleArgs() && !c.separatorAtExit()) out.append(", ");
        if (c.frame() != null) text.render(c.frame(), out);
    }

    /** What strace prints at exit before {@code " = "}: the write-back, the remaining arguments, {@code )}. */
    public void tail(DecodedSyscall c, StringBuilder out) {
        if (c.writeBack() != null) {
            out.append(" => ");
            text.render(c.writeBack(), out);
        }
        for (int i = c.entryArgs(); i < c.args().size(); i++) {
            if (i > c.entryArgs() || c.separatorAtExit()) out.append(", ");
            text.render(c.args().get(i).value(), out);
        }
        out.append(')');
    }

    private void args(DecodedSyscall c, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            if (i > from) out.append(", ");
            text.render(c.args().get(i).value(), out);
        }
    }

    /**
     * What follows {@code " = "}: the decoded value; {@code -1 ENOENT (No such file or directory)},
     * {@code ? ERESTARTSYS (...)} for the kernel's restart codes, {@code -1 (errno 4095)} for a
     * number without a name; {@code ?} for a call that never returned.
     */
    public String result(DecodedSyscall c) {
        if (!c.returned()) return "?";
        return value(c) + tampered(c.exit().tampered());
    }

    private String value(DecodedSyscall c) {
        Errno e = c.errno();
        if (e == null) return colors.paint(Colors.Kind.RETVAL, text.render(c.result()));
        if (!e.known()) return colors.paint(Colors.Kind.ERROR, "-1 (errno " + e.number() + ")");
        return colors.paint(Colors.Kind.ERROR,
                (ErrnoNames.isRestart(e.number()) ? "? " : "-1 ") + e.name() + " (" + e.message() + ")");
    }

    /** strace's note after the value (syscall.c, print_injected_note): what tampering did. */
    static String tampered(java.util.Set<SyscallExit.Tampered> t) {
        if (t.isEmpty()) return "";
        boolean value = t.contains(SyscallExit.Tampered.RETURN_VALUE), args = t.contains(SyscallExit.Tampered.ARGUMENTS);
        String note = value && args ? " (INJECTED: args, retval)" : args ? " (INJECTED: args)" : value ? " (INJECTED)" : "";
        return t.contains(SyscallExit.Tampered.DELAYED) ? note + " (DELAYED)" : note;
    }

    /** The whole line, not split by other threads' lines, with {@code " = "} at {@code column} (-a). */
    public String whole(DecodedSyscall c, int column) {
        StringBuilder out = new StringBuilder(128);
        head(c, out);
        tail(c, out);
        pad(out, 0, column);
        return out.append(" = ").append(result(c)).toString();
    }

    /** strace's tabto(): spaces up to column {@code column - 1}, when the line has not reached it. */
    static void pad(StringBuilder out, int col, int column) {
        int width = column - 1;
        int at = col + out.length();
        if (at < width) out.append(" ".repeat(width - at));
    }

    /**
     * The dump lines after the call's line: {@code  = N buffers in vector K},
     * {@code  * N bytes in buffer K}, and the data as {@code  | 00000  68 65 ... hello. |}.
     */
    public static void dumps(List<Dump> dumps, StringBuilder out) {
        for (Dump d : dumps) {
            if (d instanceof Message m) {
                out.append(" = ").append(Long.toUnsignedString(m.buffers())).append(" buffers in vector ")
                        .append(m.index()).append('\n');
            } else if (d instanceof Buffer b) {
                out.append(" * ").append(Long.toUnsignedString(b.length())).append(" bytes in buffer ")
                        .append(b.index()).append('\n');
            } else if (d instanceof Bytes b) {
                hex(b.data(), b.offset(), offsetDigits(b.total()), out);
            } else if (d instanceof DecodedSyscall.Unfetched u) {
                out.append(" | <Cannot fetch ").append(u.size()).append(u.size() == 1 ? " byte" : " bytes")
                        .append(" from pid ").append(u.tid()).append(" @0x").append(Long.toHexString(u.address()))
                        .append(">\n");
            }
        }
    }

    /**
     * The hex digits of a dump's offsets: 5, or as many as the last offset of a dump over
     * 1 MiB needs, for every line of it (strace 6.1 src/util.c dumpstr's offs_chars).
     */
    public static int offsetDigits(long total) {
        return total > 1L << 20 ? 1 + (63 - Long.numberOfLeadingZeros(total - 1)) / 4 : 5;
    }

    /**
     * Lines of {@code  | 00000  68 65 6c 6c 6f 0a ... hello. |}: the offset in {@code digits}
     * hex digits, 16 bytes in two groups of 8, then the printable ASCII ({@code .} for the rest).
     */
    static void hex(byte[] b, long offset, int digits, StringBuilder out) {
        for (int at = 0; at < b.length; at += 16) {
            String off = Long.toHexString(offset + at);
            out.append(" | ").append("0".repeat(Math.max(0, digits - off.length()))).append(off).append("  ");
            for (int k = 0; k < 16; k++) {
                if (at + k < b.length) hexByte(b[at + k] & 0xff, out);
                else out.append("   ");
                if (k == 7 || k == 15) out.append(' ');
            }
            for (int k = 0; k < 16; k++) {
                int ch = at + k < b.length ? b[at + k] & 0xff : ' ';
                out.append(ch >= 0x20 && ch < 0x7f ? (char) ch : '.');
            }
            out.append(" |\n");
        }
    }

    private static void hexByte(int v, StringBuilder out) {
        out.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16)).append(' ');
    }
}
