package io.jstrace.decode;

import java.util.List;

/**
 * How one ioctl(2) request's third argument prints, as its family's decoder says (strace's
 * {@code *_ioctl} functions, src/ioctl.c ioctl_decode): not at all, at entry (what the caller
 * passes in), or at exit (what the kernel filled in; its address when the call failed). A
 * family may also say what a successful return value means, and what the kernel wrote back
 * into an argument printed at entry (strace's {@code " => "}).
 */
record IoctlArg(When when, Decode decode, Result result, Decode after, int keep, java.util.function.Predicate<Call> atExit) {
    /**
     * When the argument prints; SPLIT: strace starts it at entry and ends it at exit (the
     * count the caller passed, then the samples the kernel filled), so it prints at exit, its
     * entry part from memory kept at entry, and its decoder handles a failed call itself.
     */
    enum When { NONE, ENTRY, EXIT, SPLIT }

    /** The argument's value, from the call and the argument itself. */
    @FunctionalInterface
    interface Decode {
        Value decode(Call c, long arg);
    }

    /** A successful return value, or null for the plain number. */
    @FunctionalInterface
    interface Result {
        Value of(Call c);
    }

    /** A family's decoder: how it prints a request, or null when it does not know it (the argument prints in hex). */
    @FunctionalInterface
    interface Family {
        IoctlArg of(long request);
    }

    /** A request that takes no argument (or ignores it). */
    static final IoctlArg NONE = new IoctlArg(When.NONE, null, null, null, 0, null);

    static IoctlArg in(Decode d) {
        return new IoctlArg(When.ENTRY, d, null, null, 0, null);
    }

    static IoctlArg out(Decode d) {
        return new IoctlArg(When.EXIT, d, null, null, 0, null);
    }

    /** An argument printed in two parts ({@link When#SPLIT}), with {@code keep} bytes of it kept at entry. */
    static IoctlArg split(Decode d, int keep) {
        return new IoctlArg(When.SPLIT, d, null, null, keep, null);
    }

    IoctlArg returning(Result r) {
        return new IoctlArg(when, decode, r, after, keep, atExit);
    }

    /** An entry argument the kernel also writes: {@code after} at exit, null when nothing prints. */
    IoctlArg writingBack(Decode d) {
        return new IoctlArg(when, decode, result, d, keep, atExit);
    }

    /**
     * An entry argument that prints at exit instead when {@code atExit} says so at entry
     * (strace's decoders that print nothing at entry for some contents), with {@code keep}
     * bytes of it kept from the entry for the exit's decoding ({@link Call#atEntry()}).
     */
    IoctlArg deferredIf(java.util.function.Predicate<Call> atExit, int keep) {
        return new IoctlArg(when, decode, result, after, keep, atExit);
    }

    /** Whether the argument prints at exit for this call (decided at entry). */
    boolean printsAtExit(Call c) {
        return when == When.EXIT || when == When.SPLIT || atExit != null && atExit.test(c);
    }

    /** strace's printnum_int: {@code [42]}, NULL, or the address when it cannot be read. */
    static Value intIn(Call c, long addr) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, 4);
        if (raw == null) return new Value.Unreadable(addr);
        return new Value.Arr(List.of(Value.dec(TraceeArrays.s32(raw, 0))), false);
    }

    /**
     * strace's printnum_short/_int/_long/_int64 and printpair_int64: {@code count} numbers of
     * {@code size} bytes in brackets, {@code [512]}, {@code [0, 4096]}; NULL, or the address
     * when they cannot be read.
     */
    static Value numbers(Call c, long addr, int count, int size, boolean signed) {
        if (addr == 0) return new Value.Addr(0);
        byte[] raw = c.memory().read(addr, count * size);
        if (raw == null) return new Value.Unreadable(addr);
        List<Value> items = new java.util.ArrayList<>();
        for (int k = 0; k < count; k++) {
            long v = 0;
            for (int b = size - 1; b >= 0; b--) v = v << 8 | (raw[k * size + b] & 0xff);
            if (signed && size < 8) v = v << (64 - 8 * size) >> (64 - 8 * size);
            items.add(new Value.Num(v, signed ? Value.Base.SIGNED : Value.Base.UNSIGNED));
        }
        return new Value.Arr(items, false);
    }

    /** The argument itself as an int: {@code PRINT_VAL_D((int) arg)}. */
    static Value intValue(Call c, long arg) {
        return Value.dec((int) arg);
    }

    /** The argument itself as an unsigned long. */
    static Value unsignedValue(Call c, long arg) {
        return new Value.Num(arg, Value.Base.UNSIGNED);
    }
}
