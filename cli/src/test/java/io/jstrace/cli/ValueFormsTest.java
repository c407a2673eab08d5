package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jstrace.decode.StraceText;
import io.jstrace.decode.Value;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.decode.XlatStyle;
import io.jstrace.render.JsonValues;
import io.jstrace.render.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of {@link Value} renders as strace text and as JSON, and the JSON rebuilds a
 * value whose text is the same in every {@code -X} style: a new kind of value fails here
 * until both renderers and the reader know it.
 */
class ValueFormsTest {
    private static Value str(String s) {
        return new Value.Str(s.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    /** One or more of each kind, including the awkward ones: structs whose fields look like a form. */
    private static final List<Value> SAMPLES = List.of(
            Value.dec(-3), new Value.Num(-1, Base.UNSIGNED), new Value.Num(0x1f, Base.HEX), new Value.Num(0644, Base.OCTAL),
            new Value.Addr(0), new Value.Addr(0x7ffc0e1a2b30L), new Value.Unreadable(0x1000), new Value.Unreadable(0),
            str("a\"b\\c\n\u00ff"), new Value.Str("cut".getBytes(StandardCharsets.ISO_8859_1), true),
            new Value.Sym(-100, "AT_FDCWD", Base.SIGNED), new Value.Sym(3, "F_GETFL"),
            new Value.Decoded(new Value.Num(0100644, Base.OCTAL), new Value.Text("S_IFREG|0644")),
            new Value.Decoded(new Value.Sym(1, "X"), new Value.Text("shown")),
            new Value.Styled(new Value.Text("a"), new Value.Text("0x1"), new Value.Text("0x1 /* a */")),
            new Value.Sigset(false, List.of(new Value.Sym(10, "USR1", Base.SIGNED), new Value.Sym(15, "TERM", Base.SIGNED))),
            new Value.Sigset(true, List.of(new Value.Sym(9, "KILL", Base.SIGNED))),
            new Value.Flags(0x80002, List.of("O_RDWR", "O_CLOEXEC"), 0), new Value.Flags(0x100, List.of(), 0x100),
            new Value.Struct(List.of(new Field("st_mode", Value.dec(1)), new Field("st_size", Value.dec(2))), true),
            new Value.Struct(List.of(new Field("value", Value.dec(1)), new Field("name", str("n"))), false),
            new Value.Struct(List.of(new Field("", Value.dec(1)), new Field("", Value.dec(2))), false),
            new Value.Struct(List.of(new Field("truncated", Value.dec(0))), false),
            new Value.Struct(List.of(), true),
            new Value.Arr(List.of(str("ls"), str("-l")), false), new Value.Arr(List.of(Value.dec(1)), true),
            new Value.Commented(new Value.Num(0x80, Base.HEX), "?_OK"),
            new Value.Fd(3, null), new Value.Fd(3, "/etc/passwd"),
            new Value.WithPath(new Value.Sym(-100, "AT_FDCWD", Base.SIGNED), "/home"),
            new Value.Named("flags", new Value.Flags(17, List.of("SIGCHLD"), 0)),
            new Value.Noted(new Value.Num(1, Base.HEX), List.of(new Field("flags", new Value.Flags(1, List.of("FD_CLOEXEC"), 0)))),
            new Value.Noted(Value.dec(0), List.of(new Field("", new Value.Text("Timeout")))),
            new Value.Text("[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]"),
            new Value.Prefixed("@", str("abstract")),
            new Value.Changed(Value.dec(128), Value.dec(16)),
            new Value.Fn("htons", List.of(Value.dec(80)), false),
            new Value.Fn("inet_pton", List.of(new Value.Sym(10, "AF_INET6"), str("::1")), true));

    @Test
    void everyKindHasASample() {
        Set<Class<?>> kinds = new HashSet<>(Arrays.asList(Value.class.getPermittedSubclasses()));
        SAMPLES.forEach(v -> kinds.remove(v.getClass()));
        assertEquals(Set.of(), kinds, "kinds of Value without a sample here");
    }

    @Test
    void everyKindRebuildsFromItsJson() {
        for (Value v : SAMPLES) {
            JsonWriter w = new JsonWriter(new StringBuilder());
            JsonValues.write(v, w);
            String json = w.out().toString();
            Value back = JsonRebuild.value(Schemas.parse(json));
            for (XlatStyle style : XlatStyle.values()) {
                StraceText text = new StraceText(StraceText.Escape.OCTAL, style);
                String shown = text.render(v);
                assertFalse(shown.isEmpty(), v.toString());
                assertEquals(shown, text.render(back), style + " " + json);
            }
        }
    }
}
