package io.jstrace.view;

import java.util.List;
import java.util.Set;

/**
 * Where a view's events come from: a command it launches and traces with ptrace, running
 * processes it attaches to, or the whole machine through a system-wide event source
 * ({@link io.jstrace.core.SystemSource}), with no ptrace at all.
 */
public sealed interface Source permits Source.Command, Source.Attach, Source.System {

    /**
     * A command launched under ptrace ({@link io.jstrace.core.TraceSession#launch}),
     * followed through its forks.
     *
     * @param argv         the program (looked up in PATH) and its arguments, not empty
     * @param inheritedFds the descriptors it inherits (by default 0, 1 and 2)
     */
    record Command(List<String> argv, Set<Integer> inheritedFds) implements Source {
        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) throw new IllegalArgumentException("no command");
            inheritedFds = Set.copyOf(inheritedFds);
        }
    }

    /**
     * Running processes, seized with ptrace ({@link io.jstrace.core.TraceSession#attach});
     * a view may widen them to their descendants.
     *
     * @param pids the processes, not empty
     */
    record Attach(List<Integer> pids) implements Source {
        public Attach {
            pids = List.copyOf(pids);
            if (pids.isEmpty()) throw new IllegalArgumentException("no pid");
        }
    }

    /** The whole machine, through the view's system-wide event source. */
    record System() implements Source {}

    /** Whether the view traces with ptrace (a command or attached processes). */
    default boolean traced() {
        return !(this instanceof System);
    }
}
