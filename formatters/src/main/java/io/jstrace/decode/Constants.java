package io.jstrace.decode;

import io.jstrace.syscalls.Arg;
import io.jstrace.syscalls.xlat.Xlat;

/**
 * The arguments that are one lookup in one generated table ({@code FLAGS} and {@code ENUM}
 * in the catalogue, which names the table and strace's comment for unknown values). Values
 * print by name, or in hex with strace's {@code /* F_??? *\/} comment; flags print as names
 * and a hex remainder.
 */
final class Constants {
    private Constants() {}

    /** Argument {@code i} looked up in the table its catalogue row names. */
    static Value format(Call c, int i) {
        Arg a = c.enter().syscall().args().get(i);
        return lookup(c, i, a.table(), a.unknown());
    }

    /** Argument {@code i}, a 64-bit word, as flags of the table its catalogue row names. */
    static Value format64(Call c, int i) {
        Arg a = c.enter().syscall().args().get(i);
        return Numbers.flags(a.table(), c.arg(i), a.unknown());
    }

    /** Argument {@code i}, an int, looked up in {@code table}. */
    static Value lookup(Call c, int i, Xlat table, String unknown) {
        long v = c.arg(i) & 0xffff_ffffL;
        if (table.isFlags()) return Numbers.flags(table, v, unknown);
        // A negative constant (RUSAGE_CHILDREN is -1) is an int the kernel sign-extends.
        if (table.name(v) == null && table.name(c.intArg(i)) != null) {
            return Numbers.named(table, c.intArg(i), unknown);
        }
        return Numbers.named(table, v, unknown);
    }
}
