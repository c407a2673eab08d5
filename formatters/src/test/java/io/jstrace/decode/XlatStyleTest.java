package io.jstrace.decode;

import io.jstrace.decode.StraceText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jstrace.decode.Value.Base;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -X abbrev|raw|verbose, as strace 6.1 prints each kind of value. */
class XlatStyleTest {
    private static String render(XlatStyle style, Value v) {
        return new StraceText(StraceText.Escape.OCTAL, style).render(v);
    }

    @Test
    void constantIsNameNumberOrBoth() {
        Value v = new Value.Sym(3, "RLIMIT_STACK");
        assertEquals("RLIMIT_STACK", render(XlatStyle.ABBREV, v));
        assertEquals("0x3", render(XlatStyle.RAW, v));
        assertEquals("0x3 /* RLIMIT_STACK */", render(XlatStyle.VERBOSE, v));
    }

    @Test
    void decimalConstantsStayDecimal() {
        assertEquals("-100 /* AT_FDCWD */", render(XlatStyle.VERBOSE, new Value.Sym(-100, "AT_FDCWD", Base.SIGNED)));
        assertEquals("10", render(XlatStyle.RAW, new Value.Sym(10, "SIGUSR1", Base.SIGNED)));
        assertEquals("18446744073709551615",
                render(XlatStyle.RAW, new Value.Sym(-1, "RLIM64_INFINITY", Base.UNSIGNED)));
    }

    @Test
    void rawDropsEveryUnknownComment() {
        for (String unknown : List.of("F_???", "?_OK", "RENAME_??")) {
            Value v = new Value.Commented(Value.hex(0x80), unknown);
            assertEquals("0x80", render(XlatStyle.RAW, v));
            assertEquals("0x80 /* " + unknown + " */", render(XlatStyle.ABBREV, v));
        }
    }

    @Test
    void zeroConstantIsZero() {
        assertEquals("0 /* PROT_NONE */", render(XlatStyle.VERBOSE, new Value.Sym(0, "PROT_NONE")));
    }

    @Test
    void flagsAreOneHexNumber() {
        Value f = new Value.Flags(0x80000, List.of("O_RDONLY", "O_CLOEXEC"), 0);
        assertEquals("O_RDONLY|O_CLOEXEC", render(XlatStyle.ABBREV, f));
        assertEquals("0x80000", render(XlatStyle.RAW, f));
        assertEquals("0x80000 /* O_RDONLY|O_CLOEXEC */", render(XlatStyle.VERBOSE, f));
    }

    @Test
    void flagsWithUnknownBitsKeepTheRemainderInTheComment() {
        Value f = new Value.Flags(0x80000000L, List.of("O_RDONLY"), 0x80000000L);
        assertEquals("0x80000000 /* O_RDONLY|0x80000000 */", render(XlatStyle.VERBOSE, f));
        assertEquals("0 /* O_RDONLY */", render(XlatStyle.VERBOSE, new Value.Flags(0, List.of("O_RDONLY"), 0)));
    }

    @Test
    void flagsWithoutNamesHaveNoComment() {
        assertEquals("0", render(XlatStyle.VERBOSE, new Value.Flags(0, List.of(), 0)));
        assertEquals("0x8000", render(XlatStyle.VERBOSE, new Value.Flags(0x8000, List.of(), 0x8000)));
    }

    @Test
    void decodedNumbersPrintTheirRawForm() {
        Value mode = FileDecoders.typedModeValue(0100755);
        assertEquals("S_IFREG|0755", render(XlatStyle.ABBREV, mode));
        assertEquals("0100755", render(XlatStyle.RAW, mode));
        assertEquals("0100755 /* S_IFREG|0755 */", render(XlatStyle.VERBOSE, mode));
        assertEquals("0xfe00 /* makedev(0xfe, 0) */", render(XlatStyle.VERBOSE, FileDecoders.dev(0xfe00)));
        assertEquals("8388608", render(XlatStyle.RAW, Resources.limit(8192 * 1024)));
    }

    @Test
    void unknownConstantLosesItsCommentOnlyWhenRaw() {
        Value v = new Value.Commented(Value.hex(0x270f), "F_???");
        assertEquals("0x270f", render(XlatStyle.RAW, v));
        assertEquals("0x270f /* F_??? */", render(XlatStyle.VERBOSE, v));
        Value vars = new Value.Commented(new Value.Addr(0x7ffc), "35 vars");
        assertEquals("0x7ffc /* 35 vars */", render(XlatStyle.RAW, vars));
    }

    @Test
    void structMembersFollowTheStyle() {
        Value s = new Value.Struct(List.of(Value.field("sa_handler", new Value.Sym(1, "SIG_IGN"))), false);
        assertEquals("{sa_handler=0x1}", render(XlatStyle.RAW, s));
    }

    @Test
    void pathFollowsTheConstantInEveryStyle() {
        Value v = new Value.WithPath(new Value.Sym(-100, "AT_FDCWD", Base.SIGNED), "/tmp");
        assertEquals("AT_FDCWD</tmp>", render(XlatStyle.ABBREV, v));
        assertEquals("-100</tmp>", render(XlatStyle.RAW, v));
        assertEquals("-100 /* AT_FDCWD */</tmp>", render(XlatStyle.VERBOSE, v));
        StringBuilder json = new StringBuilder();
        json.append(Rendered.json(v));
        assertEquals("{\"value\":{\"value\":-100,\"name\":\"AT_FDCWD\",\"base\":\"signed\"},\"path\":\"/tmp\"}", json.toString());
    }

    @Test
    void sigsetMembersFollowTheStyle() {
        Value s = SignalDecoders.sigsetValue(new byte[] {0, 2, 0, 0, 0, 0, 0, 0});
        assertEquals("[USR1]", render(XlatStyle.ABBREV, s));
        assertEquals("[10]", render(XlatStyle.RAW, s));
        assertEquals("[10 /* USR1 */]", render(XlatStyle.VERBOSE, s));
        Value all = SignalDecoders.sigsetValue(new byte[] {-1, -1, -1, -1, -1, -1, -1, 0x7f});
        assertEquals("~[64]", render(XlatStyle.RAW, all));
    }

    @Test
    void styledValuesPrintTheirOwnText() {
        Value v = new Value.Styled(new Value.Text("A"), new Value.Text("B"), new Value.Text("C"));
        assertEquals("A", render(XlatStyle.ABBREV, v));
        assertEquals("B", render(XlatStyle.RAW, v));
        assertEquals("C", render(XlatStyle.VERBOSE, v));
    }

    @Test
    void wholeTimespecForUtimeNowUnderRaw() {
        Value v = new Value.Decoded(new Value.Struct(List.of(Value.field("tv_sec", Value.dec(0)),
                Value.field("tv_nsec", Value.dec(1073741823))), false), new Value.Text("UTIME_NOW"));
        assertEquals("UTIME_NOW", render(XlatStyle.ABBREV, v));
        assertEquals("{tv_sec=0, tv_nsec=1073741823}", render(XlatStyle.RAW, v));
        assertEquals("{tv_sec=0, tv_nsec=1073741823} /* UTIME_NOW */", render(XlatStyle.VERBOSE, v));
    }

    @Test
    void returnValueNotesFollowTheStyle() {
        Value v = new Value.Noted(Value.hex(1), List.of(Value.field("flags",
                new Value.Flags(1, List.of("FD_CLOEXEC"), 0))));
        assertEquals("0x1 (flags 0x1 /* FD_CLOEXEC */)", render(XlatStyle.VERBOSE, v));
    }

    @Test
    void cloneFlagsAndExitSignalAreTwoFields() {
        Value v = Clones.cloneFlags(0x1200011);
        assertEquals("CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD", render(XlatStyle.ABBREV, v));
        assertEquals("0x1200000|17", render(XlatStyle.RAW, v));
        assertEquals("0x1200000 /* CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID */|17 /* SIGCHLD */",
                render(XlatStyle.VERBOSE, v));
    }

    @Test
    void styleNamesAreStraces() {
        assertEquals(XlatStyle.RAW, XlatStyle.of("raw"));
        assertEquals(XlatStyle.VERBOSE, XlatStyle.of("verbose"));
        assertEquals(XlatStyle.ABBREV, XlatStyle.of("abbrev"));
        assertNull(XlatStyle.of("Raw"));
    }
}
