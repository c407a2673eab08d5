package io.jstrace.cli.examples;

import io.jstrace.view.exec.ExecTracer;
import java.util.ArrayList;
import java.util.List;

/** The README's exec-view example: which build commands a command runs, and how it ends. */
public class ListBuildCommands {
    public static List<String> run(List<String> command) throws Exception {
        List<String> lines = new ArrayList<>();
        try (ExecTracer tracer = ExecTracer.command(command).build()) {
            tracer.onExec(e -> {
                if (e.isBuildCommand()) lines.add(e.pid() + " " + String.join(" ", e.argv()));
            });
            tracer.onExit(e -> {
                if (e.isBuildCommand()) lines.add(e.pid() + " " + e.status() + " after " + e.duration().toMillis() + " ms");
            });
            tracer.start();
            lines.add("status " + tracer.waitFor()); // the command's exit status
        }
        return lines;
    }

    public static void main(String[] args) throws Exception {
        run(List.of(args)).forEach(System.out::println);
    }
}
