package io.jstrace.syscalls;

/**
 * An errno value. Open: every number has a printable form, known or not
 * ({@code Errno.of(4095)} prints as {@code 4095}).
 *
 * @param number the positive errno value, as the kernel returns it negated
 */
public record Errno(int number) {

    /** The errno with this number. */
    public static Errno of(int number) {
        return new Errno(number);
    }

    /** The errno named {@code name} ({@code "ENOENT"}), or {@code null}. */
    public static Errno named(String name) {
        Long v = ErrnoNames.NAMES.value(name);
        return v == null ? null : new Errno(v.intValue());
    }

    /** The symbolic name, {@code ENOENT}; the number in decimal when it has none. */
    public String name() {
        String n = ErrnoNames.NAMES.name(number);
        return n != null ? n : Integer.toString(number);
    }

    /**
     * The message strace prints after the name: glibc's {@code strerror} text for
     * user-visible errors, strace's own text for the kernel-internal restart codes
     * (include/linux/errno.h: {@code ERESTARTSYS} and friends).
     */
    public String message() {
        String m = ErrnoNames.message(number);
        return m != null ? m : "Unknown error " + number;
    }

    /** Whether the name is known. */
    public boolean known() {
        return ErrnoNames.NAMES.name(number) != null;
    }

    @Override
    public String toString() {
        return name();
    }
}
