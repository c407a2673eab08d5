package io.jstrace.core.examples;

import io.jstrace.core.SyscallEnter;
import io.jstrace.core.TraceListener;
import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.core.Tracee;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

// README example: this class is quoted in README.md, and LibraryExampleTest checks they match.
public class CountSyscalls {
    public static Map<String, Integer> count(List<String> command) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        TraceOptions options = TraceOptions.defaults().withFollowForks(true);
        try (TraceSession session = TraceSession.launch(command, options)) {
            session.addListener(new TraceListener() {
                @Override
                public void onSyscallEnter(SyscallEnter call, Tracee tracee) {
                    counts.merge(call.name(), 1, Integer::sum);
                }
            });
            session.start(); // traces on this thread until the command exits
        }
        return counts;
    }

    public static void main(String[] args) throws Exception {
        count(List.of(args)).forEach((name, n) -> System.out.printf("%6d %s%n", n, name));
    }
}
