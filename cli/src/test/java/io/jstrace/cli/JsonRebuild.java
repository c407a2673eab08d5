package io.jstrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstrace.arch.Arch;
import io.jstrace.core.SyscallArgs;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.decode.DecodedSyscall;
import io.jstrace.decode.DecodedSyscall.Arg;
import io.jstrace.decode.DecodedSyscall.Dump;
import io.jstrace.decode.Value;
import io.jstrace.decode.Value.Base;
import io.jstrace.decode.Value.Field;
import io.jstrace.render.JsonValues.Form;
import io.jstrace.syscalls.SyscallTable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds decoded calls and values from jstrace's JSON Lines, read by Jackson: what a
 * consumer of the JSON has, and all the text renderer needs.
 */
final class JsonRebuild {
    private static final SyscallTable TABLE = SyscallTable.of(Arch.host());

    private JsonRebuild() {}

    /** A {@code "type":"syscall"} record as the decoded call it was written from. */
    static DecodedSyscall syscall(JsonNode r) {
        int pid = r.get("pid").asInt(), tid = r.get("tid").asInt();
        long nr = r.get("nr").asLong(), ts = r.get("ts").asLong();
        SyscallEnter enter = new SyscallEnter(pid, tid, ts, nr, TABLE.get(nr), new SyscallArgs(0, 0, 0, 0, 0, 0));
        boolean named = r.path("named_args").asBoolean(false);
        List<Arg> args = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("args").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> a = it.next();
            Value v = value(a.getValue());
            args.add(new Arg(a.getKey(), named ? new Value.Named(a.getKey(), v) : v));
        }
        SyscallExit exit = null;
        Value result = null;
        if (r.get("returned").asBoolean()) {
            long ret = r.get("ret").asLong();
            java.util.Set<SyscallExit.Tampered> tampered = java.util.EnumSet.noneOf(SyscallExit.Tampered.class);
            if (r.has("tampered")) {
                for (var t : r.get("tampered")) tampered.add(SyscallExit.Tampered.valueOf(t.asText().toUpperCase()));
            }
            exit = new SyscallExit(pid, tid, ts, enter, ret, r.get("duration_ns").asLong(), -1, tampered);
            if (!exit.failed()) result = r.has("ret_decoded") ? value(r.get("ret_decoded")) : Value.dec(ret);
        }
        int entryArgs = r.get("entry_args").asInt();
        Value writeBack = optional(r, "written_back");
        // strace prints the ", " after the entry's arguments at exit in those calls that have a
        // write-back, and it is the same in the whole line for the others
        return new DecodedSyscall(enter, exit, args, entryArgs, args.size(), writeBack != null,
                r.has("resumes") ? r.get("resumes").asText() : null, optional(r, "frame"), writeBack, result,
                dumps(r.path("dumps"), tid), stack(r), r.path("stack_at_entry").asBoolean(false));
    }

    /** {@code -k}'s frames. */
    private static io.jstrace.core.StackTrace stack(JsonNode r) {
        List<io.jstrace.core.StackTrace.Frame> frames = new ArrayList<>();
        for (JsonNode f : r.path("stack")) {
            frames.add(new io.jstrace.core.StackTrace.Frame(f.get("pc").asLong(),
                    f.has("file") ? f.get("file").asText() : null, f.path("file_offset").asLong(),
                    f.has("symbol") ? f.get("symbol").asText() : null, f.path("symbol_offset").asLong()));
        }
        return new io.jstrace.core.StackTrace(frames, r.path("stack_truncated").asBoolean(false));
    }

    private static Value optional(JsonNode r, String name) {
        return r.has(name) ? value(r.get(name)) : null;
    }

    private static List<Dump> dumps(JsonNode a, int tid) {
        List<Dump> out = new ArrayList<>();
        for (JsonNode d : a) {
            if (d.has("vector")) out.add(new DecodedSyscall.Message(d.get("vector").asInt(), unsigned(d.get("buffers"))));
            else if (d.has("buffer")) out.add(new DecodedSyscall.Buffer(d.get("buffer").asInt(), unsigned(d.get("length"))));
            else if (d.has("unfetched")) {
                out.add(new DecodedSyscall.Unfetched(unsigned(d.get("unfetched")), tid, unsigned(d.get("address"))));
            }
            else out.add(new DecodedSyscall.Bytes(d.get("offset").asLong(), bytes(d.get("bytes"))));
        }
        return out;
    }

    /** A value as {@link io.jstrace.render.JsonValues} wrote it. */
    static Value value(JsonNode n) {
        if (n.isNull()) return new Value.Addr(0);
        if (n.isNumber()) return number(n);
        if (n.isTextual()) return new Value.Str(bytes(n), false);
        if (n.isArray()) return new Value.Arr(values(n), false);
        Set<String> keys = new HashSet<>();
        n.fieldNames().forEachRemaining(keys::add);
        Form form = Form.of(keys);
        if (form == null) return struct(n);
        return switch (form) {
            case NUMBER -> new Value.Num(unsigned(n.get("value")), base(n.get("base")));
            case SYMBOL -> new Value.Sym(n.get("value").asLong(), n.get("name").asText(),
                    n.has("base") ? base(n.get("base")) : Base.HEX);
            case FLAGS -> new Value.Flags(unsigned(n.get("value")), strings(n.get("flags")),
                    n.has("unknown") ? unsigned(n.get("unknown")) : 0);
            case DECODED -> new Value.Decoded(n.has("raw") ? value(n.get("raw"))
                    : new Value.Num(unsigned(n.get("value")), n.has("base") ? base(n.get("base")) : Base.SIGNED),
                    value(n.get("decoded")));
            case STYLED -> new Value.Styled(value(n.get("styled")), value(n.get("raw")), value(n.get("verbose")));
            case SIGSET -> new Value.Sigset(n.get("inverted").asBoolean(),
                    values(n.get("sigset")).stream().map(Value.Sym.class::cast).toList());
            case ADDRESS -> {
                long a = Long.parseUnsignedLong(n.get("address").asText().substring(2), 16);
                yield n.path("unreadable").asBoolean(false) ? new Value.Unreadable(a) : new Value.Addr(a);
            }
            case STRING -> new Value.Str(bytes(n.get("string")), n.get("truncated").asBoolean());
            case TEXT -> new Value.Text(n.get("text").asText());
            case ITEMS -> new Value.Arr(values(n.get("items")), n.get("truncated").asBoolean());
            case COMMENTED -> new Value.Commented(value(n.get("value")), n.get("comment").asText());
            case NOTED -> new Value.Noted(value(n.get("value")), notes(n.get("notes")));
            case WITH_PATH -> new Value.WithPath(value(n.get("value")), n.get("path").asText());
            case FD -> new Value.Fd(n.get("fd").asLong(), n.get("path").asText(), n.has("deleted"));
            case NAMED -> new Value.Named(n.get("named").asText(), value(n.get("value")));
            case PREFIXED -> new Value.Prefixed(n.get("prefix").asText(), value(n.get("value")));
            case CHANGED -> new Value.Changed(value(n.get("before")), value(n.get("after")));
            case CALL -> new Value.Fn(n.get("call").asText(), values(n.get("args")),
                    n.path("names_field").asBoolean(false));
            case FIELDS -> {
                List<Field> fields = new ArrayList<>();
                for (JsonNode f : n.get("fields")) fields.add(new Field(f.get(0).asText(), value(f.get(1))));
                yield new Value.Struct(fields, n.path("truncated").asBoolean(false));
            }
        };
    }

    private static Value struct(JsonNode n) {
        List<Field> fields = new ArrayList<>();
        boolean truncated = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("truncated") && !it.hasNext() && f.getValue().isBoolean()) truncated = true;
            else fields.add(new Field(f.getKey(), value(f.getValue())));
        }
        return new Value.Struct(fields, truncated);
    }

    private static List<Field> notes(JsonNode n) {
        List<Field> notes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            notes.add(new Field(f.getKey().equals("note") ? "" : f.getKey(), value(f.getValue())));
        }
        return notes;
    }

    /** A decimal: signed unless it is past what a signed 64-bit number holds. */
    private static Value number(JsonNode n) {
        BigInteger v = n.bigIntegerValue();
        return new Value.Num(v.longValue(), v.bitLength() >= 64 ? Base.UNSIGNED : Base.SIGNED);
    }

    private static long unsigned(JsonNode n) {
        return n.bigIntegerValue().longValue();
    }

    private static Base base(JsonNode n) {
        return Base.valueOf(n.asText().toUpperCase(Locale.ROOT));
    }

    private static List<Value> values(JsonNode a) {
        List<Value> out = new ArrayList<>();
        for (JsonNode v : a) out.add(value(v));
        return out;
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : a) out.add(v.asText());
        return out;
    }

    /** A JSON string of tracee bytes: UTF-8, and a lone surrogate U+DC80 + b for a byte b that is not. */
    private static byte[] bytes(JsonNode s) {
        return io.jstrace.core.TraceeText.bytes(s.asText());
    }
}
