package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.DirentTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory entries getdents64 and getdents return (fs/readdir.c), as strace 6.1
 * prints them (src/xgetdents.c): without -v the buffer's address and a count,
 * {@code 0x7ffd... /* 3 entries *\/}; with -v every entry, {@code [{d_ino=2, d_off=1,
 * d_reclen=24, d_type=DT_DIR, d_name="."}, ...]}. struct linux_dirent64 has d_type before
 * d_name; the old struct linux_dirent keeps it in the record's last byte, and strace
 * prints it after d_name.
 */
final class Dirents {
    /** offsetof(d_name): 19 in linux_dirent64, 18 in linux_dirent. */
    private static final int HEADER64 = 19, HEADER = 18;
    /** strace prints at most this many bytes of a name (src/dirent64.c). */
    private static final int NAME_MAX = 256;

    private Dirents() {}

    /** How far a walk through the buffer got. */
    private record Walk(int count, boolean complete) {}

    /** DIRENTS; the length is the return value. */
    static Value dirents(Call c, int i) {
        long addr = c.arg(i);
        long len = c.ret();
        if (TraceeArrays.exitFailed(c) || Long.compareUnsigned(len, c.arg(i + 1) & 0xffff_ffffL) > 0) {
            return new Addr(addr);
        }
        boolean is64 = c.name().equals("getdents64");
        List<Value> entries = c.options().verbose() ? new ArrayList<>() : null;
        Walk walk = walk(c, addr, (int) len, is64, entries);
        if (entries == null) {
            return new Value.Commented(new Addr(addr), walk.count() + (walk.complete() ? "" : "+") + " entries");
        }
        if (walk.count() == 0 && !walk.complete()) return new Value.Unreadable(addr);
        return new Value.Arr(entries, false);
    }

    /**
     * Counts the entries, decoding them into {@code out} unless it is {@code null}; not
     * complete when bytes were left over (shorter than a header, or unreadable). An
     * unreadable entry after the first ends the list with {@code ... /* 0x... *\/}.
     */
    private static Walk walk(Call c, long addr, int len, boolean is64, List<Value> out) {
        int header = is64 ? HEADER64 : HEADER;
        int count = 0;
        while (len > 0) {
            if (len < header) return new Walk(count, false);
            byte[] head = c.memory().read(addr, header);
            if (head == null) {
                if (count > 0 && out != null) {
                    out.add(new Value.Commented(new Value.Text("..."), "0x" + Long.toHexString(addr)));
                }
                return new Walk(count, false);
            }
            int reclen = (head[16] & 0xff) | (head[17] & 0xff) << 8;
            reclen = Math.max(header, Math.min(reclen, len));
            if (out != null) out.add(entry(c, addr, head, reclen, header, is64));
            count++;
            len -= reclen;
            addr += reclen;
        }
        return new Walk(count, true);
    }

    private static Value entry(Call c, long addr, byte[] head, int reclen, int header, boolean is64) {
        List<Field> f = new ArrayList<>();
        f.add(field("d_ino", unsigned(TraceeArrays.u64(head, 0))));
        f.add(field("d_off", unsigned(TraceeArrays.u64(head, 8))));
        f.add(field("d_reclen", unsigned(reclen)));
        int tail = reclen - header;
        if (is64) {
            f.add(field("d_type", type(head[18] & 0xff)));
            if (tail > 0) f.add(field("d_name", name(c, addr + header, tail)));
        } else if (tail > 0) {
            if (tail > 1) f.add(field("d_name", name(c, addr + header, tail - 1)));
            byte[] t = c.memory().read(addr + reclen - 1, 1);
            f.add(field("d_type", t == null ? new Value.Unreadable(addr + reclen - 1) : type(t[0] & 0xff)));
        }
        return new Value.Struct(f, false);
    }

    /** strace's printpathn: the name up to its NUL within {@code n} bytes. */
    private static Value name(Call c, long addr, int n) {
        return Strings.cString(c, addr, Math.min(n, NAME_MAX));
    }

    private static Value type(int t) {
        return Numbers.named(DirentTypes.XLAT, t, "DT_???");
    }

    private static Value unsigned(long v) {
        return new Num(v, Base.UNSIGNED);
    }
}
