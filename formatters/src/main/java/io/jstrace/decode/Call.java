package io.jstrace.decode;

import io.jstrace.arch.Arch;
import io.jstrace.core.HostFacts;
import io.jstrace.core.SyscallEnter;
import io.jstrace.core.SyscallExit;
import io.jstrace.core.TraceeMemory;
import io.jstrace.syscalls.FormatSpecifier;

/**
 * One syscall being decoded: its entry registers, its exit when known, the stopped
 * tracee's memory and what the host knows of it. Valid only while the tracee is stopped.
 *
 * @param exit    {@code null} while decoding at syscall-enter-stop
 * @param arch    the architecture whose struct layouts apply
 * @param atEntry at syscall-exit-stop, what {@link EntryMemory#capture} read at the entry
 *                ({@link EntryMemory#NONE} when the entry was not seen)
 * @param host    the tracee's descriptors, working directory and sockets, for {@code -y}/{@code -yy};
 *                decoders ask it, never /proc
 */
public record Call(SyscallEnter enter, SyscallExit exit, TraceeMemory memory, Arch arch, DecodeOptions options,
        TraceeMemory atEntry, HostFacts host) {

    /** A call with nothing kept from its entry: at the entry itself, or an exit whose entry was not seen. */
    public Call(SyscallEnter enter, SyscallExit exit, TraceeMemory memory, Arch arch, DecodeOptions options,
            HostFacts host) {
        this(enter, exit, memory, arch, options, exit == null ? memory : EntryMemory.NONE, host);
    }

    /** A call of a tracee the host knows nothing of. */
    public Call(SyscallEnter enter, SyscallExit exit, TraceeMemory memory, Arch arch, DecodeOptions options) {
        this(enter, exit, memory, arch, options, HostFacts.NONE);
    }

    /** The same call decoded against the memory kept from its entry. */
    Call asAtEntry() {
        return new Call(enter, exit, atEntry, arch, options, atEntry, host);
    }

    /** Raw argument {@code i}. */
    public long arg(int i) {
        return enter.args().raw(i);
    }

    /** Argument {@code i} as a C int. */
    public int intArg(int i) {
        return enter.args().cInt(i);
    }

    /** {@code -e verbose=}: whether this syscall's structures are decoded, not printed as addresses. */
    public boolean structs() {
        return options.perSyscall().verbose().test(enter.syscall());
    }

    /** {@code -e raw=}: whether this syscall's arguments print in hex, undecoded. */
    public boolean raw() {
        return options.perSyscall().raw().test(enter.syscall());
    }

    /** The syscall's name. */
    public String name() {
        return enter.name();
    }

    /** The spec of argument {@code i}. */
    public FormatSpecifier spec(int i) {
        return enter.syscall().args().get(i).spec();
    }

    /** Whether the syscall has returned successfully (kernel-filled memory is valid). */
    public boolean succeeded() {
        return exit != null && !exit.failed();
    }

    /** The return value; only meaningful once {@link #exit} is set. */
    public long ret() {
        return exit == null ? 0 : exit.returnValue();
    }
}
