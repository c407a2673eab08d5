package io.jstrace.syscalls.xlat;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of kernel constants and their names, as strace's xlat tables: either
 * {@linkplain #values exclusive values} (one name per value) or {@linkplain #flags bit
 * flags} (a value decomposes into names plus an unnamed remainder).
 *
 * <p>Entries keep their spec order: for flags it decides print order, and a flag whose
 * bits contain another's ({@code O_SYNC} contains {@code O_DSYNC}) must come first.
 */
public final class Xlat {
    /** One constant. */
    public record Entry(long value, String name) {}

    private final boolean flags;
    private final Entry[] entries;

    private Xlat(boolean flags, Entry[] entries) {
        this.flags = flags;
        this.entries = entries;
    }

    /** An entry row of a generated table. */
    public static Entry e(long value, String name) {
        return new Entry(value, name);
    }

    /** A table of exclusive values. */
    public static Xlat values(Entry... entries) {
        return new Xlat(false, entries.clone());
    }

    /** A table of bit flags. */
    public static Xlat flags(Entry... entries) {
        return new Xlat(true, entries.clone());
    }

    /** Whether this is a table of flags. */
    public boolean isFlags() {
        return flags;
    }

    /** The entries in spec order. */
    public List<Entry> entries() {
        return List.of(entries);
    }

    /** The name of exactly {@code value}, or {@code null}. */
    public String name(long value) {
        for (Entry e : entries) {
            if (e.value == value) return e.name;
        }
        return null;
    }

    /** The value named {@code name}, or {@code null}. */
    public Long value(String name) {
        for (Entry e : entries) {
            if (e.name.equals(name)) return e.value;
        }
        return null;
    }

    /**
     * Splits {@code value} into named flags, in spec order, and the bits no flag names.
     * A zero-valued entry is named only when {@code value} is zero.
     */
    public Decomposed decompose(long value) {
        List<String> names = new ArrayList<>();
        long rest = value;
        for (Entry e : entries) {
            if (e.value == 0) {
                if (value == 0) names.add(e.name);
            } else if ((rest & e.value) == e.value) {
                names.add(e.name);
                rest &= ~e.value;
            }
        }
        return new Decomposed(List.copyOf(names), rest);
    }

    /**
     * A value split into flag names and a remainder.
     *
     * @param names     the flags set, in spec order
     * @param remainder the bits no name covers, 0 when every bit is named
     */
    public record Decomposed(List<String> names, long remainder) {}
}
