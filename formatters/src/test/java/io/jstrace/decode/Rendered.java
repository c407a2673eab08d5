package io.jstrace.decode;

import io.jstrace.render.JsonValues;
import io.jstrace.render.JsonWriter;
import io.jstrace.render.SyscallLine;
import java.util.List;

/** Test helpers: parts of a call laid out as the renderers lay them out. */
final class Rendered {
    private Rendered() {}

    /** What strace prints after the entry arguments at exit: {@code " => [3]"}, or nothing. */
    static String exitSuffix(Call c) {
        Value v = Formatters.writeBack(c);
        return v == null ? "" : " => " + new StraceText(StraceText.Escape.OCTAL).render(v);
    }

    /** What follows {@code " = "}. */
    static String result(Call c, StraceText text) {
        Value r = c.exit().failed() ? null : Formatters.result(c);
        DecodedSyscall d = new DecodedSyscall(c.enter(), c.exit(), List.of(), 0, 0, false, null, null, null, r,
                List.of());
        return new SyscallLine(text).result(d);
    }

    /** {@code v} as JSON. */
    static String json(Value v) {
        JsonWriter w = new JsonWriter(new StringBuilder());
        JsonValues.write(v, w);
        return w.out().toString();
    }
}
