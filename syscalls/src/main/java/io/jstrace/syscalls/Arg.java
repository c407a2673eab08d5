package io.jstrace.syscalls;

import java.util.Objects;

/**
 * One named syscall argument and how to decode it.
 *
 * @param name the parameter's name in the kernel's prototype, e.g. {@code "pathname"}
 * @param spec how its value is decoded
 */
public record Arg(String name, FormatSpecifier spec) {
    public Arg {
        Objects.requireNonNull(name);
        Objects.requireNonNull(spec);
    }
}
