package io.jstrace.decode;

import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Num;
import io.jstrace.syscalls.xlat.Xlat;
import java.util.ArrayList;
import java.util.List;

/** Plain numbers and table lookups. */
final class Numbers {
    private Numbers() {}

    static Value signedInt(Call c, int i) {
        return Value.dec(c.intArg(i));
    }

    static Value signedLong(Call c, int i) {
        return Value.dec(c.arg(i));
    }

    static Value unsignedInt(Call c, int i) {
        return new Num(c.arg(i) & 0xffff_ffffL, Base.UNSIGNED);
    }

    static Value unsignedLong(Call c, int i) {
        return new Num(c.arg(i), Base.UNSIGNED);
    }

    static Value hex(Call c, int i) {
        return Value.hex(c.arg(i));
    }

    /** A umode_t (umask's argument): the kernel takes its low 16 bits (include/linux/types.h). */
    static Value octal(Call c, int i) {
        return new Num(c.arg(i) & 0xffff, Base.OCTAL);
    }

    static Value address(Call c, int i) {
        return new Value.Addr(c.arg(i));
    }

    /** A value from an exclusive table; unknown values print in hex with the table's comment style. */
    static Value named(Xlat table, long value, String unknownComment) {
        String name = table.name(value);
        if (name != null) return new Value.Sym(value, name);
        return unknownComment == null ? Value.hex(value) : new Value.Commented(Value.hex(value), unknownComment);
    }

    /**
     * strace's PRINT_FIELD_XVAL_VERBOSE: the number in hex with its name as a comment, under {@code -X abbrev}
     * too; the number alone under {@code -X raw}; an unknown value with {@code unknownComment}, or alone
     * when that is {@code null}.
     */
    static Value namedVerbose(Xlat table, long value, String unknownComment) {
        String name = table.name(value);
        if (name == null) {
            return unknownComment == null ? Value.hex(value) : new Value.Commented(Value.hex(value), unknownComment);
        }
        Value commented = new Value.Commented(Value.hex(value), name);
        return new Value.Styled(commented, Value.hex(value), commented);
    }

    /**
     * strace's printflags: flags, or when no flag is set but some bits are, those bits in hex
     * with the table's comment, {@code 0x10 /* SOCK_??? *\/}; a {@code null} comment for
     * the tables strace gives none.
     */
    static Value flags(Xlat table, long value, String unknownComment) {
        Xlat.Decomposed d = table.decompose(value);
        if (unknownComment != null && d.names().isEmpty() && d.remainder() != 0) {
            return new Value.Commented(Value.hex(value), unknownComment);
        }
        return new Value.Flags(value, d.names(), d.remainder());
    }

    /** Flags from a flag table; unnamed bits print as a hex remainder. */
    static Value flags(Xlat table, long value) {
        Xlat.Decomposed d = table.decompose(value);
        return new Value.Flags(value, d.names(), d.remainder());
    }

    /**
     * A set of bits whose table holds bit numbers, printed as shifts: {@code
     * 1<<KG_ALT|1<<KG_CTRLR}, the unnamed bits in hex, or the value with {@code unknown} when
     * no bit has a name (strace's tables of {@code 1<<NAME} entries).
     */
    static Value bitNumbers(Xlat bitNumbers, long v, String unknown) {
        List<String> names = new ArrayList<>();
        long rest = v;
        for (Xlat.Entry e : bitNumbers.entries()) {
            if (e.value() < 64 && (v & 1L << e.value()) != 0 && (rest & 1L << e.value()) != 0) {
                names.add("1<<" + e.name());
                rest &= ~(1L << e.value());
            }
        }
        if (names.isEmpty() && rest != 0) return new Value.Commented(Value.hex(v), unknown);
        return new Value.Flags(v, names, rest);
    }
}
