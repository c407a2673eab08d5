package io.jstrace.decode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The syscalls with a decoder of their own ({@link SyscallDecoder}), by name: strace's
 * {@code SYS_FUNC} table. Each topic file registers its own; this class only numbers the
 * topic files ({@link #register(int, Registry)}). A topic registers at the first call of
 * one of its syscalls decoded, found by {@link SyscallTopics} (made from the topics'
 * registrations by {@code SyscallTopicsFreshTest}): registering them all at the first
 * syscall took a JDK 17 start-up 20 ms, most of it linking their lambdas.
 */
final class SyscallDecoders {
    private SyscallDecoders() {}

    /** Where topic files register their syscalls' decoders; a name registered twice is a bug. */
    static final class Registry {
        private final Map<String, SyscallDecoder> byName;

        Registry(Map<String, SyscallDecoder> byName) {
            this.byName = byName;
        }

        /** Registers {@code decoder} for each of {@code syscalls}. */
        void add(SyscallDecoder decoder, String... syscalls) {
            for (String s : syscalls) {
                if (byName.putIfAbsent(s, decoder) != null) throw new IllegalStateException("two decoders for " + s);
            }
        }
    }

    /** How many topic files there are: {@link #register(int, Registry)}'s cases. */
    static final int TOPICS = 55;

    /** The decoders of the topics registered so far, and {@link SyscallDecoder#BY_ROW} for names looked up without one. */
    private static final Map<String, SyscallDecoder> KNOWN = new ConcurrentHashMap<>(256);
    private static final boolean[] REGISTERED = new boolean[TOPICS];

    /** {@code syscall}'s decoder, {@link SyscallDecoder#BY_ROW} when it has none of its own. */
    static SyscallDecoder of(String syscall) {
        SyscallDecoder d = KNOWN.get(syscall);
        return d != null ? d : firstOf(syscall);
    }

    /**
     * {@code syscall}'s decoder looked up for the first time: its topic registers now, into
     * the table itself (a name no topic registers is {@link SyscallDecoder#BY_ROW}'s).
     */
    private static synchronized SyscallDecoder firstOf(String syscall) {
        int topic = SyscallTopics.of(syscall);
        if (topic >= 0 && !REGISTERED[topic]) {
            register(topic, new Registry(KNOWN));
            REGISTERED[topic] = true;
        }
        KNOWN.putIfAbsent(syscall, SyscallDecoder.BY_ROW);
        return KNOWN.get(syscall);
    }

    /** Topic file {@code topic} (0 to {@link #TOPICS} - 1) registers its decoders in {@code r}. */
    static void register(int topic, Registry r) {
        switch (topic) {
            case 0 -> FileDecoders.register(r);
            case 1 -> Fcntls.register(r);
            case 2 -> Ioctls.register(r);
            case 3 -> Futexes.register(r);
            case 4 -> Prctls.register(r);
            case 5 -> ArchPrctls.register(r);
            case 6 -> Ptraces.register(r);
            case 7 -> Tasks.register(r);
            case 8 -> Clones.register(r);
            case 9 -> Syslog.register(r);
            case 10 -> Reboot.register(r);
            case 11 -> Quotas.register(r);
            case 12 -> Mounts.register(r);
            case 13 -> Keys.register(r);
            case 14 -> Memory.register(r);
            case 15 -> Mqueues.register(r);
            case 16 -> Splices.register(r);
            case 17 -> Sched.register(r);
            case 18 -> Seccomp.register(r);
            case 19 -> MsgHdrs.register(r);
            case 20 -> Netlink.register(r);
            case 21 -> Polls.register(r);
            case 22 -> Clocks.register(r);
            case 23 -> SignalDecoders.register(r);
            case 24 -> Personas.register(r);
            case 25 -> UserDescs.register(r);
            case 26 -> FileHandles.register(r);
            case 27 -> IoUring.register(r);
            case 28 -> IoUringRegister.register(r);
            case 29 -> Iovecs.register(r);
            case 30 -> Strings.register(r);
            case 31 -> Statx.register(r);
            case 32 -> Sysinfo.register(r);
            case 33 -> Uname.register(r);
            case 34 -> OpenHow.register(r);
            case 35 -> Swaps.register(r);
            case 36 -> Fanotify.register(r);
            case 37 -> Processes.register(r);
            case 38 -> Creds.register(r);
            case 39 -> MemPolicies.register(r);
            case 40 -> Pidfds.register(r);
            case 41 -> Times.register(r);
            case 42 -> PosixTimers.register(r);
            case 43 -> FutexWaiters.register(r);
            case 44 -> SockOpts.register(r);
            case 45 -> Epolls.register(r);
            case 46 -> SysvIpc.register(r);
            case 47 -> Aio.register(r);
            case 48 -> Bpf.register(r);
            case 49 -> Landlock.register(r);
            case 50 -> PerfEvents.register(r);
            case 51 -> Cachestats.register(r);
            case 52 -> Xattrs.register(r);
            case 53 -> Kexec.register(r);
            case 54 -> Sysctl.register(r);
            default -> throw new IllegalArgumentException("no topic " + topic);
        }
    }
}
