package io.jstrace.decode;

import io.jstrace.decode.StraceText;
import io.jstrace.arch.Aarch64;
import io.jstrace.arch.Arch;
import io.jstrace.core.HostFacts;
import io.jstrace.arch.X86_64;
import io.jstrace.core.SyscallArgs;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.syscalls.SyscallInfo;
import io.jstrace.syscalls.SyscallTable;

/** Builds {@link Call}s for decoder tests: {@code Calls.of("writev").args(3, 0x1000, 2).mem(m).enter()}. */
final class Calls {
    private HostFacts host = HostFacts.NONE;
    private final String name;
    private long[] args = new long[6];
    private io.jstrace.core.TraceeMemory memory = new FakeMemory();
    private io.jstrace.core.TraceeMemory atEntry;
    private Arch arch = X86_64.INSTANCE;
    private int stringLimit = 32;
    private boolean verbose;
    private DecodeOptions options;

    private Calls(String name) {
        this.name = name;
    }

    static Calls of(String name) {
        return new Calls(name);
    }

    Calls args(long... a) {
        args = java.util.Arrays.copyOf(a, 6);
        return this;
    }

    Calls mem(io.jstrace.core.TraceeMemory m) {
        memory = m;
        return this;
    }

    /** Memory as it was at the entry, for exit decoders that print what the kernel changed. */
    Calls atEntry(FakeMemory m) {
        atEntry = m;
        return this;
    }

    Calls aarch64() {
        arch = Aarch64.INSTANCE;
        return this;
    }

    Calls limit(int s) {
        stringLimit = s;
        return this;
    }

    Calls verbose() {
        verbose = true;
        return this;
    }

    /** Decoding options other than -s and -v, resolved for this syscall as the printers do. */
    Calls options(DecodeOptions o) {
        options = o;
        return this;
    }

    private DecodeOptions decodeOptions(SyscallEnter e) {
        return options == null ? new DecodeOptions(stringLimit, verbose) : options.forSyscall(e.syscall());
    }

    /** What the host knows of the tracee: its descriptors and sockets, for -y and -yy. */
    Calls host(HostFacts facts) {
        this.host = facts;
        return this;
    }

    /** The call at its syscall-enter-stop. */
    Call enter() {
        SyscallEnter e = enterRecord();
        return new Call(e, null, memory, arch, decodeOptions(e), host);
    }

    /** The call at its syscall-exit-stop with return value {@code ret} (-errno on failure). */
    Call exit(long ret) {
        SyscallEnter e = enterRecord();
        Call entry = new Call(e, null, atEntry == null ? memory : atEntry, arch, decodeOptions(e), host);
        return new Call(e, new SyscallExit(100, 100, 0, e, ret, 0), memory, arch, decodeOptions(e),
                EntryMemory.capture(entry), host);
    }

    private SyscallEnter enterRecord() {
        SyscallTable table = SyscallTable.of(arch);
        int nr = table.number(name);
        if (nr < 0) throw new IllegalArgumentException(name + " has no number on " + arch);
        SyscallInfo info = table.get(nr);
        return new SyscallEnter(100, 100, 0, nr, info, new SyscallArgs(args[0], args[1], args[2], args[3], args[4],
                args[5]));
    }

    /** {@code v} as strace prints it with the default escaping. */
    static String render(Value v) {
        return new StraceText(StraceText.Escape.OCTAL).render(v);
    }
}
