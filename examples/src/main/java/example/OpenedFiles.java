package example;

import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceListener;
import io.jstrace.core.Tracee;
import io.jstrace.core.TraceeMemory;
import io.jstrace.strace.Strace;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Traces a command twice: strace's text of it, then the files it opened, by a listener of our own. */
public class OpenedFiles {
    public static void main(String[] args) throws Exception {
        List<String> command = List.of(args);
        PrintWriter out = new PrintWriter(System.out, true);

        int status = Strace.run(command, out); // strace -f's text, to any Writer
        out.println("exit status " + status);

        List<String> opened = new ArrayList<>();
        Strace.trace(command, new TraceListener() { // called while the tracee is stopped
            @Override
            public void onSyscallExit(SyscallExit exit, Tracee tracee) {
                if (exit.enter().name().equals("openat") && !exit.failed()) {
                    TraceeMemory.CString path = tracee.memory().readString(exit.enter().args().pointer(1), 4096);
                    opened.add(new String(path.bytes(), StandardCharsets.UTF_8));
                }
            }
        });
        opened.forEach(path -> out.println("opened " + path));
    }
}
