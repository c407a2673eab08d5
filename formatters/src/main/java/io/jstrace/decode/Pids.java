package io.jstrace.decode;

import io.jstrace.core.HostFacts;
import io.jstrace.core.PidType;
import io.jstrace.syscalls.FormatSpecifier;
import io.jstrace.syscalls.Ret;
import java.util.Map;

/**
 * Ids of threads, processes, process groups and sessions as strace prints them (src/pidns.c,
 * printpid): the tracee's number and, under {@code --pidns-translation}, when the tracee lives
 * in a pid namespace of its own (pid_namespaces(7)), the same one's number in jstrace's
 * namespace, {@code getpid() = 2 /* 1234 in strace's PID NS *\/}. Every argument, return
 * value and structure member that is such an id prints through here.
 */
final class Pids {
    /** What {@link FormatSpecifier#PID_BY_WHICH} is, by the name of the argument before it. */
    private static final Map<String, PidType> BY_WHICH = Map.of(
            "PRIO_PROCESS", PidType.TGID, "IOPRIO_WHO_PROCESS", PidType.TGID, "P_PID", PidType.TGID,
            "PRIO_PGRP", PidType.PGID, "IOPRIO_WHO_PGRP", PidType.PGID, "P_PGID", PidType.PGID);

    private Pids() {}

    /** {@code id} of {@code type} as the tracee knows it. */
    static Value pid(Call c, long id, PidType type) {
        return pid(c.options(), c.host(), id, type);
    }

    /** {@code id} of {@code type}, for a value decoded outside a syscall (a signal's siginfo). */
    static Value pid(DecodeOptions options, HostFacts host, long id, PidType type) {
        return withComment(Value.dec(id), options, host, id, type);
    }

    /**
     * kill's, wait4's and F_SETOWN's pid (strace's printpid_tgid_pgid): a process when
     * positive, below -1 the process group {@code -pid}, whose number the comment gives.
     */
    static Value pidOrPgid(Call c, long id) {
        if (id < -1) return withComment(Value.dec(id), c.options(), c.host(), -id, PidType.PGID);
        return pid(c, id, PidType.TGID);
    }

    /**
     * An id whose kind an {@code enum pid_type} value names (PR_SCHED_CORE's pid, by its
     * fourth argument): include/linux/pid.h numbers them in {@link PidType}'s order; an
     * unknown kind prints the number alone.
     */
    static Value ofKernelType(Call c, long id, int pidType) {
        PidType[] types = PidType.values();
        return pidType >= 0 && pidType < types.length ? pid(c, id, types[pidType]) : Value.dec(id);
    }

    /** An argument of one of the pid kinds of {@link FormatSpecifier}. */
    static Value arg(Call c, int i) {
        int id = c.intArg(i);
        return switch (c.spec(i)) {
            case TID -> pid(c, id, PidType.PID);
            case PGID -> pid(c, id, PidType.PGID);
            case TGID_OR_PGID -> pidOrPgid(c, id);
            case PID_BY_WHICH -> byWhich(c, i);
            default -> pid(c, id, PidType.TGID);
        };
    }

    /**
     * getpriority's and ioprio_get's who, waitid's id: a process or a process group by the
     * argument before it (src/resource.c priority_print_who, src/ioprio.c, src/wait.c), waitid's
     * P_PIDFD a descriptor, anything else a plain number.
     */
    private static Value byWhich(Call c, int i) {
        String which = c.enter().syscall().args().get(i - 1).table().name(c.arg(i - 1) & 0xffff_ffffL);
        if ("P_PIDFD".equals(which)) return FileDecoders.fd(c, i);
        PidType type = which == null ? null : BY_WHICH.get(which);
        return type == null ? Value.dec(c.intArg(i)) : pid(c, c.intArg(i), type);
    }

    /** A return value of one of the pid kinds of {@link Ret}: the C int the kernel returned. */
    static Value result(Call c, Ret ret) {
        int id = (int) c.ret();
        return pid(c, id, switch (ret) {
            case TID -> PidType.PID;
            case PGID -> PidType.PGID;
            case SID -> PidType.SID;
            default -> PidType.TGID;
        });
    }

    /**
     * {@code v}, the id, with what strace 6.1 prints after it (src/pidns.c
     * printpid_translation): under {@code -Y} a process's or thread's command name,
     * {@code 1234<bash>}, under {@code --pidns-translation} its id in jstrace's namespace.
     */
    private static Value withComment(Value v, DecodeOptions options, HostFacts host, long id, PidType type) {
        if (!options.pidns() && !options.pidComm() || id <= 0 || id > Integer.MAX_VALUE) return v;
        int ours = options.pidns() ? host.tracerPid(type, (int) id) : (int) id;
        if (ours == 0) return v;
        Value shown = v;
        if (options.pidComm() && (type == PidType.TGID || type == PidType.PID)) {
            String comm = host.commOf(ours);
            if (comm != null) shown = new Value.WithPath(v, StraceText.fdPath(comm));
        }
        return options.pidns() && ours != id ? new Value.Commented(shown, ours + " in strace's PID NS") : shown;
    }
}
