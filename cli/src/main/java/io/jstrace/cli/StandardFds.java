package io.jstrace.cli;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The descriptors jstrace was given, which are the command's: the ./jstrace launcher lists
 * them in {@code -Djstrace.fds} before it execs java, so one the shell was started without
 * (even 0, 1 or 2) stays closed in the command; 0, 1 and 2 when run without the launcher.
 * Once the command has started, jstrace lets go of its own stdin and stdout, as strace's
 * startup_child does (strace.c: redirect_standard_fds), so that a pipe the command shares
 * with jstrace sees its end when the command closes it.
 */
final class StandardFds {
    private static final String PROPERTY = "jstrace.fds";
    /** What takes the place of 0 and 1, kept open: a closed descriptor would be the next file's. */
    private static final List<Object> PLACEHOLDERS = new java.util.ArrayList<>();

    private StandardFds() {}

    static Set<Integer> inherited() {
        String listed = System.getProperty(PROPERTY);
        if (listed == null) return Set.of(0, 1, 2);
        Set<Integer> fds = new HashSet<>();
        for (String f : listed.split(",")) {
            if (!f.isBlank() && f.chars().allMatch(Character::isDigit)) fds.add(Integer.parseInt(f));
        }
        return fds;
    }

    /**
     * Closes jstrace's stdin and stdout, each replaced by /dev/null (the lowest free
     * descriptor is the one just closed); only under the launcher, which gave them.
     * Standard output stays when jstrace writes there itself ({@code -o -}).
     *
     * @param keepStdout whether jstrace's own output goes to standard output
     */
    static synchronized void release(boolean keepStdout) {
        if (System.getProperty(PROPERTY) == null || !PLACEHOLDERS.isEmpty()) return;
        Set<Integer> given = inherited();
        try {
            if (given.contains(0)) {
                System.in.close();
                PLACEHOLDERS.add(new FileInputStream("/dev/null"));
            }
            if (given.contains(1) && !keepStdout) {
                System.out.close();
                PLACEHOLDERS.add(new FileOutputStream("/dev/null"));
            }
        } catch (IOException e) {
            // nothing of the trace depends on it
        }
    }
}
