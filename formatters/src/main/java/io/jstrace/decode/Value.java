package io.jstrace.decode;

import java.util.List;

/**
 * A decoded argument: a small tree that the strace text renderer and the JSON renderer
 * both print, so the two can never disagree.
 */
public sealed interface Value {

    /** How a number prints. */
    enum Base { SIGNED, UNSIGNED, HEX, OCTAL }

    /** A number: {@code 3}, {@code 0x1f}, {@code 0644}. */
    record Num(long value, Base base) implements Value {}

    /** A pointer: {@code NULL} or {@code 0x7ffc0e1a2b30}. */
    record Addr(long value) implements Value {}

    /**
     * Bytes from tracee memory, printed quoted and escaped.
     *
     * @param truncated more bytes followed than were printed (strace's {@code ...})
     */
    record Str(byte[] bytes, boolean truncated) implements Value {}

    /**
     * A named constant such as {@code AT_FDCWD} or {@code SIGTERM}, with its raw value and
     * the base strace prints that value in under {@code -X raw} ({@code -100}, {@code 10},
     * {@code 0x3}: printxval's {@code %#x} unless the decoder prints decimal).
     */
    record Sym(long value, String name, Base base) implements Value {
        /** A constant whose raw value prints in hex, as printxval's. */
        public Sym(long value, String name) {
            this(value, name, Base.HEX);
        }
    }

    /**
     * A value strace decodes into text that is not a constant's name: {@code S_IFREG|0644},
     * {@code makedev(0xfe, 0)}, {@code 8192*1024}, {@code UTIME_NOW} for a whole timespec.
     * {@code -X raw} prints {@code raw} alone, {@code -X verbose} prints {@code raw /* shown *\/}.
     */
    record Decoded(Value raw, Value shown) implements Value {}

    /**
     * A value a strace decoder prints its own way in each {@code -X} style, where the
     * general rules do not give strace's text: statx's flags print as two fields joined
     * by {@code |}, the sync type's 0 as nothing under {@code -X raw}. JSON takes
     * {@code abbrev}.
     */
    record Styled(Value abbrev, Value raw, Value verbose) implements Value {}

    /**
     * A signal set, strace's {@code [USR1 TERM]}, or {@code ~[KILL STOP]} ({@code inverted})
     * when it holds more than half the signals; each member a {@link Sym} named without
     * {@code SIG}, so {@code -X raw} prints {@code [10 15]}.
     */
    record Sigset(boolean inverted, List<Sym> signals) implements Value {}

    /**
     * Flags: names joined with {@code |} and the bits no name covers in hex.
     *
     * @param remainder unnamed bits, 0 if none
     */
    record Flags(long value, List<String> names, long remainder) implements Value {}

    /** A struct: {@code {st_mode=S_IFREG|0644, st_size=42, ...}}. */
    record Struct(List<Field> fields, boolean truncated) implements Value {}

    /** One struct member; an empty name prints the value alone. */
    record Field(String name, Value value) {}

    /** An array: {@code ["ls", "-l"]}, {@code [3, 4]}. */
    record Arr(List<Value> items, boolean truncated) implements Value {}

    /** A value followed by a C comment: {@code 0x7ffd... /* 20 vars *\/}. */
    record Commented(Value value, String comment) implements Value {}

    /**
     * Tracee memory that could not be read: strace prints the address; JSON marks it
     * {@code {"address": "0x...", "unreadable": true}}.
     */
    record Unreadable(long address) implements Value {}

    /**
     * A descriptor and, under {@code -y}, what it refers to: {@code 3</etc/passwd>}; a file
     * unlinked since it was opened {@code 3</tmp/x>(deleted)}.
     */
    record Fd(long fd, String path, boolean deleted) implements Value {
        public Fd(long fd, String path) {
            this(fd, path, false);
        }
    }

    /**
     * A value and, under {@code -y}, the path it stands for: {@code AT_FDCWD</home/me>},
     * {@code -100</home/me>} under {@code -X raw}.
     */
    record WithPath(Value value, String path) implements Value {}

    /** A named argument, strace's style for clone: {@code flags=CLONE_VM|SIGCHLD}. */
    record Named(String name, Value value) implements Value {}

    /**
     * A return value with the notes strace adds in parentheses (its {@code auxstr}):
     * {@code 0x1 (flags FD_CLOEXEC)}, {@code 1 ([{fd=3, revents=POLLIN}])},
     * {@code 1 (in [3], left {tv_sec=0, tv_usec=5})}. A note with a name prints as
     * {@code name value}; notes are separated by {@code ", "}.
     */
    record Noted(Value value, List<Field> notes) implements Value {}

    /** Text strace prints as is, such as a wait-status expression. */
    record Text(String text) implements Value {}

    /** A value after a marker strace prints before it: an abstract socket's {@code @"name"}. */
    record Prefixed(String prefix, Value value) implements Value {}

    /**
     * A value the kernel changed, strace's {@code 128 => 16}: what the tracee passed in and
     * what came back.
     */
    record Changed(Value before, Value after) implements Value {}

    /**
     * strace's C-call notation: {@code htons(8080)}, {@code inet_addr("127.0.0.1")}.
     *
     * @param namesField the call names its struct member itself, as in
     *                   {@code inet_pton(AF_INET6, "::1", &sin6_addr)}: the member prints
     *                   without {@code name=}
     */
    record Fn(String name, List<Value> args, boolean namesField) implements Value {}

    /** A number printed as a signed decimal. */
    static Value dec(long v) {
        return new Num(v, Base.SIGNED);
    }

    /** A number printed in hex. */
    static Value hex(long v) {
        return new Num(v, Base.HEX);
    }

    /** A struct member. */
    static Field field(String name, Value v) {
        return new Field(name, v);
    }
}
