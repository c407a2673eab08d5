package io.jstrace.decode;

import io.jstrace.decode.Value.Addr;
import java.util.List;

/**
 * The {@code loff_t *} offsets of sendfile, splice and copy_file_range (fs/read_write.c,
 * fs/splice.c), as strace 6.1 prints them (src/sendfile.c, src/splice.c,
 * src/copy_file_range.c): {@code [0]} at entry; sendfile alone also shows the offset the
 * kernel advanced, {@code [1] => [3]}, when it copied something.
 */
final class Splices {
    private Splices() {}

    /**
     * OFFSET_PTR at entry: {@code [N]}, NULL, or the address when unreadable; sendfile's
     * offset prints unsigned, splice's and copy_file_range's signed (strace's PRIu64, PRId64).
     */
    static Value offset(Call c, int i) {
        return offsetAt(c, c.arg(i));
    }

    private static Value offsetAt(Call c, long addr) {
        if (addr == 0) return new Addr(0);
        byte[] raw = c.memory().read(addr, 8);
        if (raw == null) return new Value.Unreadable(addr);
        Value.Base base = c.name().equals("sendfile") ? Value.Base.UNSIGNED : Value.Base.SIGNED;
        return new Value.Arr(List.of(new Value.Num(TraceeArrays.u64(raw, 0), base)), false);
    }

    /** sendfile's offset is read back at exit when there is one to read. */
    static boolean sendfileSplitsAtOffset(Call c) {
        return c.arg(2) != 0 && c.memory().read(c.arg(2), 8) != null;
    }

    /** {@code  => [3]}: sendfile's offset after a call that copied bytes. */
    static Value sendfileWriteBack(Call c) {
        if (!c.succeeded() || c.ret() == 0 || !sendfileSplitsAtOffset(c)) return null;
        return offsetAt(c, c.arg(2));
    }

    static void register(SyscallDecoders.Registry r) {
        r.add(new SyscallDecoder() {
            @Override
            public int entryArgs(Call c, int visible) {
                return sendfileSplitsAtOffset(c) ? 3 : visible;
            }

            /** {@code sendfile(4, 3, [0]} then {@code  => [5], 5)}. */
            @Override
            public boolean separatorAtExit(Call c) {
                return true;
            }

            @Override
            public Value writeBack(Call c) {
                return sendfileWriteBack(c);
            }
        }, "sendfile");
    }
}
