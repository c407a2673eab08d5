package io.jstrace.syscalls;

import java.util.List;
import java.util.Set;

/**
 * What is known about one syscall, independent of its number on any architecture.
 *
 * @param name       the kernel's name, e.g. {@code "openat"}
 * @param categories strace's classes it belongs to ({@code -e trace=%file})
 * @param args       its arguments in ABI order, at most six
 * @param ret        how its return value prints
 */
public record SyscallInfo(String name, Set<Category> categories, List<Arg> args, Ret ret) {
    public SyscallInfo {
        if (args.size() > 6) throw new IllegalArgumentException(name + ": more than six arguments");
        categories = Set.copyOf(categories);
        args = List.copyOf(args);
    }

    /** Whether the syscall belongs to {@code category}. */
    public boolean is(Category category) {
        return categories.contains(category);
    }

    /** A copy with {@code args} in place of this row's arguments (for arch overrides). */
    public SyscallInfo withArgs(List<Arg> newArgs) {
        return new SyscallInfo(name, categories, newArgs, ret);
    }

    /**
     * The row for a number no table names: six hex arguments, printed by strace as
     * {@code syscall_0x1c8(0x1, ...)}.
     */
    public static SyscallInfo unknown(long nr) {
        List<Arg> hex = List.of(new Arg("arg0", FormatSpecifier.HEX), new Arg("arg1", FormatSpecifier.HEX),
                new Arg("arg2", FormatSpecifier.HEX), new Arg("arg3", FormatSpecifier.HEX),
                new Arg("arg4", FormatSpecifier.HEX), new Arg("arg5", FormatSpecifier.HEX));
        return new SyscallInfo("syscall_0x" + Long.toHexString(nr), Set.of(), hex, Ret.DECIMAL);
    }
}
