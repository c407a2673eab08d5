package io.jstrace.arch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One architecture's syscall numbers: number to kernel name and back. A number the
 * table does not know has no name ({@link #name} returns {@code null}); callers print
 * it as strace does ({@code syscall_0x1c8}).
 */
public final class SyscallNumbers {
    private final String[] names;
    private final Map<String, Integer> numbers;

    private SyscallNumbers(String[] names) {
        this.names = names;
        this.numbers = new HashMap<>(names.length * 2);
        for (int nr = 0; nr < names.length; nr++) {
            if (names[nr] != null && numbers.putIfAbsent(names[nr], nr) != null) {
                throw new IllegalArgumentException("duplicate syscall name " + names[nr]);
            }
        }
    }

    /** Starts a table; rows are added with {@link Builder#add}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The kernel's name for {@code nr}, or {@code null} when there is none. */
    public String name(long nr) {
        return nr >= 0 && nr < names.length ? names[(int) nr] : null;
    }

    /** The number of syscall {@code name}, or -1 when this architecture has none. */
    public int number(String name) {
        return numbers.getOrDefault(name, -1);
    }

    /** One more than the highest number in the table. */
    public int size() {
        return names.length;
    }

    /** Every name in the table, in number order. */
    public String[] names() {
        return Arrays.stream(names).filter(n -> n != null).toArray(String[]::new);
    }

    /** Collects {@code (number, name)} rows. */
    public static final class Builder {
        private String[] names = new String[512];
        private int size;

        private Builder() {}

        /** Adds one row; a number may appear only once. */
        public Builder add(int nr, String name) {
            if (nr >= names.length) names = Arrays.copyOf(names, Math.max(nr + 1, names.length * 2));
            if (names[nr] != null) throw new IllegalArgumentException("duplicate syscall number " + nr);
            names[nr] = name;
            size = Math.max(size, nr + 1);
            return this;
        }

        /** The finished table. */
        public SyscallNumbers build() {
            return new SyscallNumbers(Arrays.copyOf(names, size));
        }
    }
}
