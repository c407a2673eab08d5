package io.jstrace.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A struct copied whole from the tracee (strace's umove of a fixed-size ioctl argument), and
 * its members as strace's PRINT_FIELD_* macros print them: numbers, char arrays, and arrays
 * of numbers cut at {@code -s} elements unless {@code -v}.
 */
record RawStruct(Call c, byte[] raw) {
    /** How one array element prints, from the struct's bytes at its offset. */
    @FunctionalInterface
    interface Element {
        Value at(RawStruct s, int off);
    }

    /** The members of a struct read whole, as a decoder prints them. */
    @FunctionalInterface
    interface Members {
        List<Value.Field> of(RawStruct s);
    }

    /**
     * umove_or_printaddr and the struct's members: NULL, the address when the {@code size}
     * bytes at {@code addr} cannot be read, else {@code {member=..., ...}}.
     */
    static Value struct(Call c, long addr, int size, Members members) {
        if (addr == 0) return new Value.Addr(0);
        RawStruct s = read(c, addr, size);
        return s == null ? new Value.Unreadable(addr) : new Value.Struct(members.of(s), false);
    }

    /** The {@code size} bytes at {@code addr}, or null when they cannot be read. */
    static RawStruct read(Call c, long addr, int size) {
        byte[] raw = c.memory().read(addr, size);
        return raw == null ? null : new RawStruct(c, raw);
    }

    /**
     * The {@code size} bytes at {@code addr} as they were at syscall entry (kept by the
     * decoder's capture), or null; what they point to is read from the tracee as it is now.
     */
    static RawStruct atEntry(Call c, long addr, int size) {
        byte[] raw = c.atEntry().read(addr, size);
        return raw == null ? null : new RawStruct(c, raw);
    }

    long u8(int off) {
        return raw[off] & 0xff;
    }

    long u16(int off) {
        return (raw[off] & 0xff) | (raw[off + 1] & 0xff) << 8;
    }

    long u32(int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }

    int s32(int off) {
        return TraceeArrays.s32(raw, off);
    }

    long u64(int off) {
        return TraceeArrays.u64(raw, off);
    }

    /** PRINT_FIELD_U of a __u32. */
    Value unsigned32(int off) {
        return new Value.Num(u32(off), Value.Base.UNSIGNED);
    }

    /** PRINT_FIELD_U of a __u64. */
    Value unsigned64(int off) {
        return new Value.Num(u64(off), Value.Base.UNSIGNED);
    }

    /** PRINT_FIELD_X of a __u32. */
    Value hex32(int off) {
        return Value.hex(u32(off));
    }

    /** PRINT_FIELD_X of a __u64. */
    Value hex64(int off) {
        return Value.hex(u64(off));
    }

    /** PRINT_FIELD_D of an int. */
    Value signed32(int off) {
        return Value.dec(s32(off));
    }

    /**
     * PRINT_FIELD_CSTRING: a char array of {@code size} bytes, up to its NUL, or its first
     * {@code size - 1} bytes and {@code ...} when none of the {@code size} bytes is a NUL
     * (print_quoted_cstring: the last byte is not printed, but a NUL there ends the string).
     */
    Value cString(int off, int size) {
        for (int k = 0; k < size; k++) {
            if (raw[off + k] == 0) return new Value.Str(Arrays.copyOfRange(raw, off, off + k), false);
        }
        return new Value.Str(Arrays.copyOfRange(raw, off, off + Math.max(size - 1, 0)), true);
    }

    /**
     * PRINT_FIELD_ARRAY_UPTO: the first {@code count} elements of {@code elemSize} bytes at
     * {@code off}; without {@code -v}, {@code -s} of them and {@code ...}.
     */
    Value array(int off, long count, int elemSize, Element element) {
        int limit = c.options().stringLimit();
        List<Value> items = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (!c.options().verbose() && k >= limit) return new Value.Arr(items, true);
            items.add(element.at(this, off + k * elemSize));
        }
        return new Value.Arr(items, false);
    }

    /** Whether the {@code len} bytes at {@code off} are all zero (IS_ARRAY_ZERO). */
    boolean zero(int off, int len) {
        for (int k = off; k < off + len; k++) if (raw[k] != 0) return false;
        return true;
    }
}
