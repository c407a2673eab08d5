package io.jstrace.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of /proc/PID/maps (proc(5)): {@code start-end perms offset dev inode path}.
 *
 * @param path the mapped file, or {@code ""} for an anonymous mapping; pseudo-paths such as
 *             {@code [vdso]} as the kernel prints them
 */
record MemoryMap(long start, long end, String perms, long offset, long inode, String path) {

    boolean executable() {
        return perms.length() > 2 && perms.charAt(2) == 'x';
    }

    /** A mapped regular file: an absolute path, not deleted since. */
    boolean isFile() {
        return path.startsWith("/") && !path.endsWith(" (deleted)");
    }

    /** Whether this mapping holds file offset {@code fileOffset} of its file. */
    boolean holdsOffset(long fileOffset) {
        return fileOffset >= offset && fileOffset < offset + (end - start);
    }

    /** The mappings of process {@code pid}, in address order; empty when it is gone. */
    static List<MemoryMap> of(int pid) {
        List<MemoryMap> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of(ProcFs.pidDir(pid) + "/maps"))) {
                MemoryMap m = parse(line);
                if (m != null) out.add(m);
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** One line, or {@code null} when it does not parse. */
    static MemoryMap parse(String line) {
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 5) return null;
        int dash = f[0].indexOf('-');
        if (dash < 0) return null;
        try {
            return new MemoryMap(Long.parseUnsignedLong(f[0].substring(0, dash), 16),
                    Long.parseUnsignedLong(f[0].substring(dash + 1), 16), f[1], Long.parseUnsignedLong(f[2], 16),
                    Long.parseLong(f[4]), f.length > 5 ? f[5] : "");
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
