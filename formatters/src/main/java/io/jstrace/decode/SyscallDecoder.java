package io.jstrace.decode;

import io.jstrace.syscalls.FormatSpecifier;
import io.jstrace.syscalls.Phase;

/**
 * One syscall's own decoding, strace's {@code SYS_FUNC(name)}: what its topic file says
 * beyond its catalogue row. Every method has the catalogue's generic answer as its default,
 * so a decoder overrides only what differs; a syscall with no decoder registered is decoded
 * by its row alone ({@link Formatters#bySpec}). Each topic file registers its syscalls'
 * decoders in its {@code register(SyscallDecoders.Registry)}. Like every decoder, these
 * never throw on tracee data.
 */
interface SyscallDecoder {
    /** The decoder of a syscall that has none of its own: its catalogue row says everything. */
    SyscallDecoder BY_ROW = new SyscallDecoder() {};

    /** Visible argument {@code i}, decoded (before {@code -e verbose=} is applied). */
    default Value arg(Call c, int i) {
        return Formatters.bySpec(c, i);
    }

    /** How many arguments print: by default all the row's. */
    default int visibleArgs(Call c) {
        return c.enter().syscall().args().size();
    }

    /**
     * How many of the {@code visible} arguments print at syscall-enter-stop: by default
     * those before the first one the kernel fills in.
     */
    default int entryArgs(Call c, int visible) {
        int split = 0;
        while (split < visible && c.spec(split).phase() == Phase.ENTRY) split++;
        return split;
    }

    /**
     * Whether the {@code ", "} before the exit part prints at exit (the entry part ends after
     * a complete argument) rather than at entry (it ends before the missing one).
     */
    default boolean separatorAtExit(Call c) {
        return false;
    }

    /**
     * Reads, at syscall-enter-stop, the memory the kernel will overwrite and the exit decoding
     * prints as it was: by default each {@code POST_SOCKLEN} argument's socklen_t.
     */
    default void capture(Call c, EntryMemory.Capture keep) {
        var args = c.enter().syscall().args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).spec() == FormatSpecifier.POST_SOCKLEN) keep.keep(c.arg(i), 4);
        }
    }

    /** What the kernel wrote back into an entry argument, printed after {@code " => "}; {@code null} when nothing. */
    default Value writeBack(Call c) {
        return null;
    }

    /**
     * A successful return value as this syscall prints it when that says more than the
     * row's {@link io.jstrace.syscalls.Ret}; {@code null} for the row's.
     */
    default Value returnValue(Call c) {
        return null;
    }

    /** One argument's decoding, a topic file's {@code static Value name(Call c, int i)}: {@code Statx::statx}. */
    @FunctionalInterface
    interface ArgDecoder {
        Value decode(Call c, int i);
    }

    /**
     * The decoder of a syscall whose row leaves argument {@code i} to it ({@code CUSTOM}, or
     * {@code POST_CUSTOM} at exit) and says everything else: {@code i} by {@code d}. A
     * structure read from memory is wrapped in {@link Verbosity#struct(ArgDecoder)} so it
     * prints as its address outside {@code -e verbose=}.
     */
    static SyscallDecoder custom(int i, ArgDecoder d) {
        return byIndex(new int[] {i}, d);
    }

    /** {@link #custom(int, ArgDecoder)} for two arguments. */
    static SyscallDecoder custom(int i, ArgDecoder d, int j, ArgDecoder e) {
        return byIndex(new int[] {i, j}, d, e);
    }

    /** {@link #custom(int, ArgDecoder)} for three arguments. */
    static SyscallDecoder custom(int i, ArgDecoder d, int j, ArgDecoder e, int k, ArgDecoder f) {
        return byIndex(new int[] {i, j, k}, d, e, f);
    }

    private static SyscallDecoder byIndex(int[] index, ArgDecoder... decoders) {
        ArgDecoder[] at = new ArgDecoder[6];
        for (int k = 0; k < index.length; k++) at[index[k]] = decoders[k];
        return new SyscallDecoder() {
            @Override
            public Value arg(Call c, int i) {
                ArgDecoder own = i < at.length ? at[i] : null;
                return own != null ? own.decode(c, i) : SyscallDecoder.super.arg(c, i);
            }
        };
    }
}
