package io.jstrace.syscalls;

import io.jstrace.syscalls.xlat.Xlat;
import java.util.Objects;

/**
 * One named syscall argument and how to decode it.
 *
 * @param name    the parameter's name in the kernel's prototype, e.g. {@code "pathname"}
 * @param spec    how its value is decoded
 * @param table   for {@link FormatSpecifier#FLAGS}, {@link FormatSpecifier#FLAGS64} and
 *                {@link FormatSpecifier#ENUM}, the table
 *                that names its values; {@code null} for every other kind
 * @param unknown with a table, strace's comment for a value it does not name
 *                ({@code "F_???"}), or {@code null} for none
 */
public record Arg(String name, FormatSpecifier spec, Xlat table, String unknown) {
    public Arg {
        Objects.requireNonNull(name);
        Objects.requireNonNull(spec);
        boolean flags = spec == FormatSpecifier.FLAGS || spec == FormatSpecifier.FLAGS64;
        boolean lookup = flags || spec == FormatSpecifier.ENUM;
        if (lookup != (table != null)) {
            throw new IllegalArgumentException(name + ": " + spec + (lookup ? " needs a table" : " takes no table"));
        }
        if (lookup && table.isFlags() != flags) {
            throw new IllegalArgumentException(name + ": " + spec + " with a table of " + (table.isFlags() ? "flags" : "values"));
        }
    }

    /** An argument of a kind that needs no table. */
    public Arg(String name, FormatSpecifier spec) {
        this(name, spec, null, null);
    }
}
