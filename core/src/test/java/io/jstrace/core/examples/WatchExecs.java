package io.jstrace.core.examples;

import io.jstrace.core.ProcConnector;
import io.jstrace.core.ProcEvent;
import io.jstrace.core.ProcessInfo;

// Javadoc example: ProcConnector's class comment quotes main's body, and ProcConnectorExampleTest checks they match.
public class WatchExecs {
    public static void main(String[] args) throws Exception {
        try (ProcConnector connector = ProcConnector.open()) {
            for (ProcEvent e; (e = connector.next()) != null; ) {
                if (e instanceof ProcEvent.Exec exec) {
                    ProcessInfo.read(exec.tgid()).ifPresent(p -> System.out.println(p.argv()));
                }
            }
        }
    }
}
