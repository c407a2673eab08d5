package io.jstrace.decode;

import java.util.HashMap;
import java.util.Map;

/**
 * The syscalls with a decoder of their own ({@link SyscallDecoder}), by name: strace's
 * {@code SYS_FUNC} table. Each topic file registers its own; this class only lists the topic
 * files. The table is built once, at the first syscall decoded.
 */
final class SyscallDecoders {
    private SyscallDecoders() {}

    /** Where topic files register their syscalls' decoders; a name registered twice is a bug. */
    static final class Registry {
        private final Map<String, SyscallDecoder> byName = new HashMap<>(256);

        private Registry() {}

        /** Registers {@code decoder} for each of {@code syscalls}. */
        void add(SyscallDecoder decoder, String... syscalls) {
            for (String s : syscalls) {
                if (byName.putIfAbsent(s, decoder) != null) throw new IllegalStateException("two decoders for " + s);
            }
        }
    }

    private static final class Table {
        static final Map<String, SyscallDecoder> BY_NAME = build();
    }

    /** {@code syscall}'s decoder, {@link SyscallDecoder#BY_ROW} when it has none of its own. */
    static SyscallDecoder of(String syscall) {
        return Table.BY_NAME.getOrDefault(syscall, SyscallDecoder.BY_ROW);
    }

    private static Map<String, SyscallDecoder> build() {
        Registry r = new Registry();
        // @formatter:off
        FileDecoders.register(r);
        Fcntls.register(r);
        Ioctls.register(r);
        Futexes.register(r);
        Prctls.register(r);
        ArchPrctls.register(r);
        Ptraces.register(r);
        Tasks.register(r);
        Clones.register(r);
        Syslog.register(r);
        Reboot.register(r);
        Quotas.register(r);
        Mounts.register(r);
        Keys.register(r);
        Memory.register(r);
        Mqueues.register(r);
        Splices.register(r);
        Sched.register(r);
        Seccomp.register(r);
        MsgHdrs.register(r);
        Netlink.register(r);
        Polls.register(r);
        Clocks.register(r);
        SignalDecoders.register(r);
        Personas.register(r);
        UserDescs.register(r);
        FileHandles.register(r);
        IoUring.register(r);
        IoUringRegister.register(r);
        Iovecs.register(r);
        Strings.register(r);
        Statx.register(r);
        Sysinfo.register(r);
        Uname.register(r);
        OpenHow.register(r);
        Swaps.register(r);
        Fanotify.register(r);
        Processes.register(r);
        Creds.register(r);
        MemPolicies.register(r);
        Pidfds.register(r);
        Times.register(r);
        PosixTimers.register(r);
        FutexWaiters.register(r);
        SockOpts.register(r);
        Epolls.register(r);
        SysvIpc.register(r);
        Aio.register(r);
        Bpf.register(r);
        Landlock.register(r);
        PerfEvents.register(r);
        Cachestats.register(r);
        Xattrs.register(r);
        // @formatter:on
        return r.byName;
    }
}
