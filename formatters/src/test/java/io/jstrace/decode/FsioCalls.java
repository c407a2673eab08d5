package io.jstrace.decode;

import java.util.ArrayList;
import java.util.List;

/** The arguments of a whole call as strace prints them, for the FSIO decoder tests. */
final class FsioCalls {
    private FsioCalls() {}

    /** The visible arguments of {@code c} rendered and joined with {@code ", "}. */
    static String args(Call c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Formatters.visibleArgs(c); i++) out.add(Calls.render(Formatters.format(c, i)));
        return String.join(", ", out);
    }
}
