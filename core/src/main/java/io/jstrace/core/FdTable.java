package io.jstrace.core;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A traced process's descriptors and what each refers to, kept from its syscall stream
 * (see {@link TraceOptions#withFdTable}). Threads share their process's table (and so do
 * processes made with {@code CLONE_FILES}); a forked child gets a copy; an execve drops
 * the close-on-exec ones.
 */
public interface FdTable {
    /** The table of a session that keeps none: it knows nothing. */
    FdTable NONE = new FdTable() {};

    /** A fixed table, for tests: {@code files} by descriptor, those in {@code cloexec} close-on-exec. */
    static FdTable of(java.util.Map<Integer, OpenFile> files, java.util.Set<Integer> cloexec) {
        SortedMap<Integer, OpenFile> copy = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        java.util.Set<Integer> ce = java.util.Set.copyOf(cloexec);
        return new FdTable() {
            @Override
            public OpenFile get(int fd) {
                return copy.get(fd);
            }

            @Override
            public boolean closeOnExec(int fd) {
                return copy.containsKey(fd) && ce.contains(fd);
            }

            @Override
            public SortedMap<Integer, OpenFile> snapshot() {
                return copy;
            }
        };
    }

    /** What descriptor {@code fd} refers to, or {@code null} when it is not open or not known. */
    default OpenFile get(int fd) {
        return null;
    }

    /** Whether {@code fd} is open and close-on-exec. */
    default boolean closeOnExec(int fd) {
        return false;
    }

    /** Every descriptor the table knows, in order. */
    default SortedMap<Integer, OpenFile> snapshot() {
        return Collections.unmodifiableSortedMap(new TreeMap<>());
    }
}
