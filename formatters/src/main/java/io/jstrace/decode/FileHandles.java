package io.jstrace.decode;

import static io.jstrace.decode.Value.field;

import io.jstrace.decode.Value.Addr;
import io.jstrace.decode.Value.Num;
import java.util.ArrayList;
import java.util.List;

/**
 * struct file_handle (include/linux/fs.h: {@code unsigned int handle_bytes; int handle_type;
 * unsigned char f_handle[]}) of name_to_handle_at(2) and open_by_handle_at(2), as strace
 * 6.1 prints it (src/file_handle.c): the opaque bytes in hex.
 */
final class FileHandles {
    /** include/linux/exportfs.h: MAX_HANDLE_SZ. */
    private static final int MAX_HANDLE_SZ = 128;

    private FileHandles() {}

    /** open_by_handle_at's handle, read at entry. */
    static Value handle(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] head = c.memory().read(addr, 8);
        if (head == null) return new Value.Unreadable(addr);
        return whole(c, addr, bytes(head), TraceeArrays.s32(head, 4), new Num(bytes(head), Value.Base.UNSIGNED));
    }

    /**
     * name_to_handle_at's handle: the size passed in, {@code => } the size
     * the kernel wrote when it differs, then the type and bytes once the call succeeded;
     * after EOVERFLOW only the sizes ({@code {handle_bytes=0 => 8}}).
     */
    static Value postHandle(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0) return new Addr(0);
        byte[] before = c.atEntry().read(addr, 4);
        if (before == null || before.length < 4) return new Value.Unreadable(addr);
        long in = bytes(before);
        Value size = new Num(in, Value.Base.UNSIGNED);
        boolean overflow = c.exit() != null && c.exit().failed() && c.exit().errno().number() == 75;
        if (!c.succeeded() && !overflow) return new Value.Struct(List.of(field("handle_bytes", size)), false);
        byte[] head = c.memory().read(addr, 8);
        if (head == null) return new Value.Struct(List.of(field("handle_bytes", size)), false);
        long out = bytes(head);
        if (out != in) size = new Value.Changed(size, new Num(out, Value.Base.UNSIGNED));
        if (overflow) return new Value.Struct(List.of(field("handle_bytes", size)), false);
        return whole(c, addr, out, TraceeArrays.s32(head, 4), size);
    }

    private static Value whole(Call c, long addr, long n, int type, Value size) {
        List<Value.Field> f = new ArrayList<>();
        f.add(field("handle_bytes", size));
        f.add(field("handle_type", Value.dec(type)));
        int len = (int) Math.min(n, MAX_HANDLE_SZ);
        byte[] data = c.memory().read(addr + 8, len);
        if (data != null) f.add(field("f_handle", Strings.hexBuffer(new Value.Str(data, false))));
        return new Value.Struct(f, false);
    }

    private static long bytes(byte[] head) {
        return TraceeArrays.s32(head, 0) & 0xffff_ffffL;
    }

    /** name_to_handle_at's mount id, {@code [43]} once written. */
    static Value mountId(Call c, int i) {
        long addr = c.arg(i);
        if (addr == 0 || TraceeArrays.exitFailed(c)) return new Addr(addr);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.dec(TraceeArrays.s32(raw, 0))), false);
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(SyscallDecoder.custom(1, FileHandles::handle), "open_by_handle_at");
        r.add(new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                return switch (i) {
                    case 2 -> postHandle(c, i);
                    case 3 -> mountId(c, i);
                    default -> SyscallDecoder.super.arg(c, i);
                };
            }

            /** handle_bytes, which the kernel overwrites. */
            @Override
            public void capture(Call c, EntryMemory.Capture keep) {
                keep.keep(c.arg(2), 4);
            }
        }, "name_to_handle_at");
    }
}
