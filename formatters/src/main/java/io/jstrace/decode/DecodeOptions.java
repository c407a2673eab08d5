package io.jstrace.decode;

import io.jstrace.syscalls.SyscallInfo;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * What the user asked of decoding.
 *
 * @param stringLimit strace's {@code -s}: bytes of a string, and elements of an array, to print
 * @param verbose     strace's {@code -v}: print structures and environments in full
 * @param fdPaths     strace's {@code -y}: print what each descriptor refers to, {@code 3</etc/passwd>}
 * @param fdDetails   strace's {@code -yy}, {@code --decode-fds=}: the details to print, each on its own or
 *                    with the path: {@code socket} (addresses), {@code dev} (device numbers), {@code pidfd} (pid)
 * @param xlatStyle   strace's {@code -X}: how constants and flags print
 * @param perSyscall  strace's {@code -e abbrev=}, {@code -e verbose=}, {@code -e raw=}
 * @param dumps       strace's {@code -e read=}, {@code -e write=}: descriptors whose data is dumped in hex
 * @param pidns       strace's {@code --pidns-translation}: the ids of a tracee in a pid namespace of its own
 *                    print with the same process's id in jstrace's namespace: {@code 2 /* 1234 in strace's PID NS *\/}
 * @param pidComm     strace's {@code -Y}, {@code --decode-pids=comm}: process and thread ids print with the
 *                    command name of the task, {@code 1234<bash>}, and so do the lines' pid prefixes
 */
public record DecodeOptions(int stringLimit, boolean verbose, boolean fdPaths, Set<String> fdDetails,
        XlatStyle xlatStyle, PerSyscall perSyscall, Dumps dumps, boolean pidns, boolean pidComm) {

    /** Without {@code -Y}. */
    public DecodeOptions(int stringLimit, boolean verbose, boolean fdPaths, Set<String> fdDetails,
            XlatStyle xlatStyle, PerSyscall perSyscall, Dumps dumps, boolean pidns) {
        this(stringLimit, verbose, fdPaths, fdDetails, xlatStyle, perSyscall, dumps, pidns, false);
    }

    /** Without {@code --pidns-translation}. */
    public DecodeOptions(int stringLimit, boolean verbose, boolean fdPaths, Set<String> fdDetails,
            XlatStyle xlatStyle, PerSyscall perSyscall, Dumps dumps) {
        this(stringLimit, verbose, fdPaths, fdDetails, xlatStyle, perSyscall, dumps, false);
    }

    /**
     * The sets of syscalls, that strace's per-syscall qualifiers select.
     *
     * @param abbrev  {@code -e abbrev=}: abbreviated structures (all by default; {@code -v} is {@code none})
     * @param verbose {@code -e verbose=}: structures decoded at all (all by default); the others print
     *                as addresses
     * @param raw     {@code -e raw=}: every argument in hex, undecoded (none by default)
     */
    public record PerSyscall(Predicate<SyscallInfo> abbrev, Predicate<SyscallInfo> verbose,
            Predicate<SyscallInfo> raw) {
        /** strace's defaults: abbrev=all, verbose=all, raw=none. */
        public static PerSyscall defaults() {
            return new PerSyscall(s -> true, s -> true, s -> false);
        }

        /** The three sets answered for one syscall. */
        PerSyscall of(SyscallInfo syscall) {
            boolean a = abbrev.test(syscall), v = verbose.test(syscall), r = raw.test(syscall);
            return new PerSyscall(s -> a, s -> v, s -> r);
        }
    }

    /**
     * @param read  {@code -e read=}: descriptors whose reads are dumped
     * @param write {@code -e write=}: descriptors whose writes are dumped
     */
    public record Dumps(IntPredicate read, IntPredicate write) {
        public static Dumps none() {
            return new Dumps(fd -> false, fd -> false);
        }
    }

    /** {@code -s}, {@code -v} and {@code -y}; the rest as strace's defaults. */
    public DecodeOptions(int stringLimit, boolean verbose, boolean fdPaths) {
        this(stringLimit, verbose, fdPaths, Set.of(), XlatStyle.ABBREV, PerSyscall.defaults(), Dumps.none());
    }

    /** Without {@code -y}. */
    public DecodeOptions(int stringLimit, boolean verbose) {
        this(stringLimit, verbose, false);
    }

    /** Whether descriptors print with anything after them ({@code -y}, {@code -yy}, {@code --decode-fds}). */
    public boolean decodesFds() {
        return fdPaths || !fdDetails.isEmpty();
    }

    /** strace's defaults: {@code -s 32}, abbreviated structures. */
    public static DecodeOptions defaults() {
        return new DecodeOptions(32, false, false);
    }

    /**
     * These options as they apply to {@code syscall}: {@link #verbose} is true when
     * {@code -e abbrev=} leaves it out, and {@link #perSyscall} answers for it alone.
     */
    public DecodeOptions forSyscall(SyscallInfo syscall) {
        PerSyscall p = perSyscall.of(syscall);
        return new DecodeOptions(stringLimit, verbose || !p.abbrev().test(syscall), fdPaths, fdDetails, xlatStyle, p,
                dumps, pidns, pidComm);
    }
}
