package io.jstrace.render;

import io.jstrace.decode.Value;
import io.jstrace.decode.Value.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Value}s as JSON (docs/jstrace.schema.json), written so that the value can be
 * rebuilt from it whole: a decimal number is a number, a string a string, a struct an
 * object of its fields, an array an array; every other kind of value is an object whose
 * keys say which kind it is ({@link Form}). A struct whose field names would read as one
 * of those forms is written as {@code {"fields":[[name, value], ...]}}.
 */
public final class JsonValues {
    private JsonValues() {}

    /**
     * The objects that are not structs, each told by its keys: every required key is
     * there, and no key but the optional ones.
     */
    public enum Form {
        NUMBER(Set.of("value", "base"), Set.of()),
        SYMBOL(Set.of("value", "name"), Set.of("base")),
        FLAGS(Set.of("value", "flags"), Set.of("unknown")),
        DECODED(Set.of("decoded"), Set.of("value", "base", "raw")),
        STYLED(Set.of("styled", "raw", "verbose"), Set.of()),
        SIGSET(Set.of("sigset", "inverted"), Set.of()),
        ADDRESS(Set.of("address"), Set.of("unreadable")),
        STRING(Set.of("string", "truncated"), Set.of()),
        TEXT(Set.of("text"), Set.of()),
        ITEMS(Set.of("items", "truncated"), Set.of()),
        COMMENTED(Set.of("value", "comment"), Set.of()),
        NOTED(Set.of("value", "notes"), Set.of()),
        WITH_PATH(Set.of("value", "path"), Set.of()),
        FD(Set.of("fd", "path"), Set.of("deleted")),
        NAMED(Set.of("named", "value"), Set.of()),
        PREFIXED(Set.of("prefix", "value"), Set.of()),
        CHANGED(Set.of("before", "after"), Set.of()),
        CALL(Set.of("call", "args"), Set.of("names_field")),
        FIELDS(Set.of("fields"), Set.of("truncated"));

        private final Set<String> required;
        private final Set<String> optional;

        Form(Set<String> required, Set<String> optional) {
            this.required = required;
            this.optional = optional;
        }

        /** The form an object with these keys has, or {@code null} for a struct. */
        public static Form of(Set<String> keys) {
            for (Form f : values()) {
                if (keys.containsAll(f.required) && f.required.size() + optionalIn(f, keys) == keys.size()) return f;
            }
            return null;
        }

        private static int optionalIn(Form f, Set<String> keys) {
            int n = 0;
            for (String k : f.optional) if (keys.contains(k)) n++;
            return n;
        }
    }

    /** Writes {@code v}. */
    public static void write(Value v, JsonWriter w) {
        if (v instanceof Value.Num n) number(n, w);
        else if (v instanceof Value.Addr a) address(a.value(), false, w);
        else if (v instanceof Value.Unreadable u) address(u.address(), true, w);
        else if (v instanceof Value.Str s) string(s, w);
        else if (v instanceof Value.Sym s) symbol(s, w);
        else if (v instanceof Value.Flags f) flags(f, w);
        else if (v instanceof Value.Struct s) struct(s, w);
        else if (v instanceof Value.Arr a) array(a, w);
        else if (v instanceof Value.Fd f) fd(f, w);
        else if (v instanceof Value.Text t) w.beginObject().member("text", t.text()).endObject();
        else if (v instanceof Value.Decoded d) decoded(d, w);
        else if (v instanceof Value.Styled s) styled(s, w);
        else if (v instanceof Value.Sigset s) sigset(s, w);
        else if (v instanceof Value.Commented c) pair("value", c.value(), w).member("comment", c.comment()).endObject();
        else if (v instanceof Value.Noted n) noted(n, w);
        else if (v instanceof Value.WithPath p) pair("value", p.value(), w).member("path", p.path()).endObject();
        else if (v instanceof Value.Named n) {
            w.beginObject().member("named", n.name()).name("value");
            write(n.value(), w);
            w.endObject();
        }
        else if (v instanceof Value.Prefixed p) {
            w.beginObject().member("prefix", p.prefix()).name("value");
            write(p.value(), w);
            w.endObject();
        }
        else if (v instanceof Value.Changed c) {
            pair("before", c.before(), w).name("after");
            write(c.after(), w);
            w.endObject();
        }
        else if (v instanceof Value.Fn f) call(f, w);
        else throw new IllegalArgumentException("no JSON form for " + v.getClass());
    }

    /** Opens an object and writes its first member. */
    private static JsonWriter pair(String name, Value v, JsonWriter w) {
        w.beginObject().name(name);
        write(v, w);
        return w;
    }

    /** A signed or unsigned decimal is a number; hex and octal keep their base. */
    private static void number(Value.Num n, JsonWriter w) {
        switch (n.base()) {
            case SIGNED -> w.value(n.value());
            case UNSIGNED -> w.unsigned(n.value());
            default -> w.beginObject().name("value").unsigned(n.value()).member("base", base(n.base())).endObject();
        }
    }

    static String base(Value.Base b) {
        return b.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** NULL is {@code null}; an address is a hex string in an object, marked when its memory was unreadable. */
    private static void address(long a, boolean unreadable, JsonWriter w) {
        if (a == 0) {
            w.nullValue();
            return;
        }
        w.beginObject().member("address", "0x" + Long.toHexString(a));
        if (unreadable) w.member("unreadable", true);
        w.endObject();
    }

    private static void string(Value.Str s, JsonWriter w) {
        if (!s.truncated()) {
            w.value(s.bytes());
            return;
        }
        w.beginObject().name("string").value(s.bytes()).member("truncated", true).endObject();
    }

    /** The constant's value and name; its base when {@code -X raw} prints it other than in hex. */
    private static void symbol(Value.Sym s, JsonWriter w) {
        w.beginObject().member("value", s.value()).member("name", s.name());
        if (s.base() != Value.Base.HEX) w.member("base", base(s.base()));
        w.endObject();
    }

    private static void flags(Value.Flags f, JsonWriter w) {
        w.beginObject().name("value").unsigned(f.value()).name("flags").beginArray();
        for (String n : f.names()) w.value(n);
        w.endArray();
        if (f.remainder() != 0) w.name("unknown").unsigned(f.remainder());
        w.endObject();
    }

    private static void struct(Value.Struct s, JsonWriter w) {
        if (needsFields(s)) {
            w.beginObject().name("fields").beginArray();
            for (Field f : s.fields()) {
                w.beginArray().value(f.name());
                write(f.value(), w);
                w.endArray();
            }
            w.endArray();
            if (s.truncated()) w.member("truncated", true);
            w.endObject();
            return;
        }
        w.beginObject();
        for (Field f : s.fields()) {
            w.name(f.name());
            write(f.value(), w);
        }
        if (s.truncated()) w.member("truncated", true);
        w.endObject();
    }

    /** Whether a struct's members would not read back as its fields: unnamed, repeated, or a form's keys. */
    private static boolean needsFields(Value.Struct s) {
        Set<String> keys = new HashSet<>();
        for (Field f : s.fields()) {
            if (f.name().isEmpty() || f.name().equals("truncated") || !keys.add(f.name())) return true;
        }
        if (s.truncated()) keys.add("truncated");
        return Form.of(keys) != null;
    }

    private static void array(Value.Arr a, JsonWriter w) {
        if (a.truncated()) w.beginObject().name("items");
        items(a.items(), w);
        if (a.truncated()) w.member("truncated", true).endObject();
    }

    private static void items(List<? extends Value> items, JsonWriter w) {
        w.beginArray();
        for (Value item : items) write(item, w);
        w.endArray();
    }

    private static void fd(Value.Fd f, JsonWriter w) {
        if (f.path() == null) w.value(f.fd());
        else if (!f.deleted()) w.beginObject().member("fd", f.fd()).member("path", f.path()).endObject();
        else w.beginObject().member("fd", f.fd()).member("path", f.path()).member("deleted", true).endObject();
    }

    /** What strace shows ({@code S_IFREG|0644}) beside the number it stands for. */
    private static void decoded(Value.Decoded d, JsonWriter w) {
        w.beginObject();
        if (d.raw() instanceof Value.Num n) {
            w.name("value").unsigned(n.value());
            if (n.base() != Value.Base.SIGNED) w.member("base", base(n.base()));
        } else {
            w.name("raw");
            write(d.raw(), w);
        }
        w.name("decoded");
        write(d.shown(), w);
        w.endObject();
    }

    private static void styled(Value.Styled s, JsonWriter w) {
        pair("styled", s.abbrev(), w).name("raw");
        write(s.raw(), w);
        w.name("verbose");
        write(s.verbose(), w);
        w.endObject();
    }

    private static void sigset(Value.Sigset s, JsonWriter w) {
        w.beginObject().name("sigset");
        items(s.signals(), w);
        w.member("inverted", s.inverted()).endObject();
    }

    /** {@code {"value":1,"notes":{"in":[3],"left":{...}}}}; an unnamed note is {@code "note"}. */
    private static void noted(Value.Noted n, JsonWriter w) {
        pair("value", n.value(), w).name("notes").beginObject();
        for (Field f : n.notes()) {
            w.name(f.name().isEmpty() ? "note" : f.name());
            write(f.value(), w);
        }
        w.endObject().endObject();
    }

    private static void call(Value.Fn f, JsonWriter w) {
        w.beginObject().member("call", f.name()).name("args");
        items(f.args(), w);
        if (f.namesField()) w.member("names_field", true);
        w.endObject();
    }
}
