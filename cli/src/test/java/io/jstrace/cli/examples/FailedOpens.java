package io.jstrace.cli.examples;

import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.core.Tracee;
import io.jstrace.decode.DecodeOptions;
import io.jstrace.decode.DecodedListener;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.StraceText;
import io.jstrace.decode.SyscallDecoding;
import java.util.ArrayList;
import java.util.List;

/** The README's library example: decoded calls, in Java, from the same values as the text. */
public class FailedOpens {
    public static List<String> run(List<String> command) throws Exception {
        List<String> lines = new ArrayList<>();
        StraceText text = new StraceText(StraceText.Escape.OCTAL);
        DecodedListener failures = new DecodedListener() {
            @Override
            public void onReturn(DecodedSyscall call, Tracee tracee) {
                if (call.name().startsWith("open") && call.errno() != null) {
                    lines.add(call.errno().name() + " " + text.render(call.args().get(1).value()));
                }
            }
        };
        try (TraceSession session = TraceSession.launch(command, TraceOptions.defaults().withFollowForks(true))) {
            session.addListener(new SyscallDecoding(DecodeOptions.defaults(), List.of(failures)));
            lines.add("status " + session.start());
        }
        return lines;
    }

    public static void main(String[] args) throws Exception {
        run(List.of(args)).forEach(System.out::println);
    }
}
