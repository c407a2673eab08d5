package io.jstrace.view.exec;

import io.jstrace.syscalls.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of the exec view: a program started by a successful execve, an execve that
 * failed, or a process that ended.
 *
 * @param kind      what happened
 * @param time      when, wall clock
 * @param pid       the process (its thread-group id)
 * @param ppid      its parent
 * @param uid       its real user id, -1 when unknown
 * @param gid       its real group id, -1 when unknown
 * @param comm      the command name before the exec (the kernel's 15-byte {@code comm}); at
 *                  an exit, the name it ended with
 * @param filename  the path the program was executed by, as execve was given it; at an
 *                  exit, that of the process's last exec ({@code null} if it never
 *                  exec'd while watched)
 * @param argv      the argument vector, unmodifiable (at an exit, the last exec's)
 * @param cwd       the working directory, when asked for and readable, else {@code null}
 * @param environment the environment's changes against the parent's, when asked for, else
 *                  {@code null}
 * @param truncated some of the fields could not be read: the process was gone, or argv was
 *                  cut
 * @param errno     for {@link Kind#EXEC_FAILED}, the error's name ({@code ENOENT}), else
 *                  {@code null}
 * @param status    for {@link Kind#EXIT}, how it ended, else {@code null}
 * @param duration  for {@link Kind#EXIT}, how long since its last exec (since its fork
 *                  when it never exec'd while watched), else {@code null}
 */
public record ExecEvent(Kind kind, Instant time, int pid, int ppid, int uid, int gid, String comm,
        String filename, List<String> argv, String cwd, EnvironmentChanges environment, boolean truncated,
        String errno, ExitStatus status, Duration duration) {

    public ExecEvent {
        argv = List.copyOf(argv);
    }

    /** The kinds of event. */
    public enum Kind {
        /** execve or execveat succeeded: a new program runs in {@code pid}. */
        EXEC,
        /** execve or execveat failed (reported only when asked for). */
        EXEC_FAILED,
        /** The process ended. */
        EXIT
    }

    /**
     * How a process ended: its exit code, or the signal that killed it.
     *
     * @param code       the exit code, or -1 when killed by a signal
     * @param signal     the killing signal ({@code SIGKILL}), or {@code null}
     * @param coreDumped whether it dumped core
     */
    public record ExitStatus(int code, Signal signal, boolean coreDumped) {

        /** What a shell's {@code $?} shows: the code, or 128 plus the signal's number. */
        public int shellStatus() {
            return signal == null ? code : 128 + signal.number();
        }

        /** {@code exited 0}, {@code killed by SIGKILL}, {@code killed by SIGSEGV (core dumped)}. */
        @Override
        public String toString() {
            if (signal == null) return "exited " + code;
            return "killed by " + signal.name() + (coreDumped ? " (core dumped)" : "");
        }
    }

    /**
     * The environment of an exec against its parent's.
     *
     * @param set   variables added or changed, with their new values, in the environment's order
     * @param unset variables the parent had and the program does not
     */
    public record EnvironmentChanges(Map<String, String> set, List<String> unset) {
        public EnvironmentChanges {
            set = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
            unset = List.copyOf(unset);
        }

        /** Whether nothing changed. */
        public boolean isEmpty() {
            return set.isEmpty() && unset.isEmpty();
        }
    }

    /** Whether this runs a git commit ({@code git commit}, {@code git -C dir commit}, ...). */
    public boolean isGitCommit() {
        return Classifier.isGitCommit(argv);
    }

    /** Whether this runs a build command (make, ninja, a compiler, mvn, cargo build, ...). */
    public boolean isBuildCommand() {
        return Classifier.isBuildCommand(argv);
    }

    /** The classifiers' tags, by name: {@code git-commit}, {@code build}. */
    public List<String> tags() {
        if (argv.isEmpty()) return List.of();
        List<String> tags = new java.util.ArrayList<>(2);
        if (isGitCommit()) tags.add(Classifier.GIT_COMMIT);
        if (isBuildCommand()) tags.add(Classifier.BUILD);
        return tags;
    }
}
