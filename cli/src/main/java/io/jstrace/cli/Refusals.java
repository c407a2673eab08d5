package io.jstrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Options strace 6.1 accepts that this build cannot honour: after strace's own checks of
 * them (and with its messages), a one-line refusal, as strace refuses --secontext in a
 * build without SELinux, rather than a trace that would not be what the option asks for.
 */
final class Refusals {
    private Refusals() {}

    /** The refusal for {@code o}, or {@code null}. */
    static String of(Options o) {
        if (o.daemonizeShort != 0) {
            // strace.c: with -D the command is strace's own process and the tracer its
            // grandchild; a JVM cannot fork, so the command would be the tracer's child
            return "-D/--daemonize is not supported by jstrace: the tracer cannot leave the command its own process";
        }
        if (o.user != null) {
            if (!root()) return "You must be root to use the -u/--username option";
            if (!userExists(o.user)) return "Cannot find user '" + o.user + "'";
            return "-u/--user is not supported by jstrace yet: the command would run as root";
        }
        return null;
    }

    /** Real and effective uid 0 (strace: getuid() and geteuid()). */
    private static boolean root() {
        int[] ids = io.jstrace.core.internal.ProcFs.ownUids();
        return ids[0] == 0 && ids[1] == 0;
    }

    /** getpwnam, as far as /etc/passwd answers it. */
    private static boolean userExists(String user) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }
}
