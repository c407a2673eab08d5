package io.jstrace.decode;

import static io.jstrace.syscalls.FormatSpecifier.*;

import io.jstrace.syscalls.FormatSpecifier;
import io.jstrace.syscalls.xlat.*;
import java.util.EnumMap;
import java.util.Map;

/**
 * Specifiers that are one lookup in one generated table: a row each. Values print by
 * name, or in hex with strace's {@code /* F_??? *\/} comment; flags print as names and a
 * hex remainder.
 */
final class Constants {
    private record Row(Xlat table, String unknown) {}

    private static final Map<FormatSpecifier, Row> ROWS = new EnumMap<>(FormatSpecifier.class);

    static {
        // @formatter:off
        row(FCNTL_CMD,              FcntlCmds.XLAT,        "F_???");
        row(WAITID_TYPE,            WaitidTypes.XLAT,      "P_???");
        row(RUSAGE_WHO,             RusageWho.XLAT,        "RUSAGE_???");
        row(PRCTL_OPTION,           PrctlOptions.XLAT,     "PR_???");
        row(ARCH_PRCTL_CODE,        ArchPrctlCodes.XLAT,   "ARCH_???");
        row(PTRACE_REQUEST,         PtraceRequests.XLAT,   "PTRACE_???");
        row(RLIMIT_RESOURCE,        RlimitResources.XLAT,  "RLIMIT_???");
        row(SCHED_POLICY,           SchedPolicies.XLAT,    "SCHED_???");
        row(SECCOMP_OP,             SeccompOps.XLAT,       "SECCOMP_SET_MODE_???");
        row(BPF_CMD,                BpfCmds.XLAT,          "BPF_???");
        row(MADVISE_ADVICE,         MadviseAdvice.XLAT,    "MADV_???");
        row(ITIMER_TYPE,            ItimerWhich.XLAT,      "ITIMER_???");
        row(CLOCK_ID,               ClockIds.XLAT,         "CLOCK_???");
        row(SOCK_FAMILY,            SocketFamilies.XLAT,   "AF_???");
        row(SOCKOPT_LEVEL,          SockoptLevels.XLAT,    "SOL_??");
        row(SHUTDOWN_HOW,           ShutdownHow.XLAT,      "SHUT_???");
        row(EPOLL_CTL_OP,           EpollCtlOps.XLAT,      "EPOLL_CTL_???");
        row(GETRANDOM_FLAGS,        GetrandomFlags.XLAT,   "GRND_???");
        row(CLOSE_RANGE_FLAGS,      CloseRangeFlags.XLAT,  "CLOSE_RANGE_???");
        row(RWF_FLAGS,              RwfFlags.XLAT,         "RWF_???");
        row(XATTR_FLAGS,            XattrFlags.XLAT,       "XATTR_???");
        row(MODULE_INIT_FLAGS,      ModuleInitFlags.XLAT,  "MODULE_INIT_???");
        row(DELETE_MODULE_FLAGS,    DeleteModuleFlags.XLAT, "O_???");
        row(FSOPEN_FLAGS,           FsopenFlags.XLAT,      "FSOPEN_???");
        row(FSMOUNT_FLAGS,          FsmountFlags.XLAT,     "FSMOUNT_???");
        row(MOUNT_ATTR_FLAGS,       MountAttrFlags.XLAT,   "MOUNT_ATTR_???");
        row(FSPICK_FLAGS,           FspickFlags.XLAT,      "FSPICK_???");
        row(MOVE_MOUNT_FLAGS,       MoveMountFlags.XLAT,   "MOVE_MOUNT_???");
        row(OPEN_TREE_FLAGS,        OpenTreeFlags.XLAT,    "OPEN_TREE_???");
        row(IO_URING_ENTER_FLAGS,   IoUringEnterFlags.XLAT, "IORING_ENTER_???");
        row(LANDLOCK_RULESET_FLAGS, LandlockRulesetFlags.XLAT, "LANDLOCK_CREATE_RULESET_???");
        row(PERF_EVENT_OPEN_FLAGS,  PerfEventOpenFlags.XLAT, "PERF_FLAG_???");
        row(MOUNT_FLAGS,            MountFlags.XLAT,       null);
        row(UMOUNT_FLAGS,           UmountFlags.XLAT,      "MNT_???");
        row(MREMAP_FLAGS,           MremapFlags.XLAT,      "MREMAP_???");
        row(MSYNC_FLAGS,            MsyncFlags.XLAT,       "MS_???");
        row(MLOCKALL_FLAGS,         MlockallFlags.XLAT,    "MCL_???");
        row(TIMER_FLAGS,            TimerFlags.XLAT,       "TIMER_???");
        row(TIMERFD_SETTIME_FLAGS,  TimerfdFlags.XLAT,     "TFD_???");
        row(FANOTIFY_MARK_FLAGS,    FanMarkFlags.XLAT,     "FAN_MARK_???");
        row(SOCK_FLAGS,             SockTypeFlags.XLAT,    "SOCK_???");
        row(MSG_FLAGS,              MsgFlags.XLAT,         "MSG_???");
        row(INOTIFY_MASK,           InotifyMask.XLAT,      null);
        row(PIDFD_FLAGS,            PidfdFlags.XLAT,       "PIDFD_???");
        row(STATX_MASK,             StatxMask.XLAT,        null);
        row(NAMESPACE_FLAGS,        SetnsTypes.XLAT,       "CLONE_NEW???");
        row(PRIO_WHICH,             PriorityWhich.XLAT,    "PRIO_???");
        row(IOPRIO_WHICH,           IoprioWho.XLAT,        "IOPRIO_WHO_???");
        row(KCMP_TYPE,              KcmpTypes.XLAT,        "KCMP_???");
        row(FADVISE_ADVICE,         FadviseAdvice.XLAT,    "POSIX_FADV_???");
        row(SPLICE_FLAGS,           SpliceFlags.XLAT,      null);
        row(FALLOCATE_MODE,         FallocateModes.XLAT,   null);
        row(SYNC_FILE_RANGE_FLAGS,  SyncFileRangeFlags.XLAT, null);
        row(RENAME_FLAGS,           Renameat2Flags.XLAT,   "RENAME_??");
        row(FLOCK_OP,               FlockOps.XLAT,         "LOCK_???");
        // MEM group
        row(MLOCK2_FLAGS,           Mlock2Flags.XLAT,      "MLOCK_???");
        row(PKEY_ACCESS_RIGHTS,     PkeyAccessRights.XLAT, "PKEY_???");
        row(UFFD_FLAGS,             UffdFlags.XLAT,        "UFFD_???");
        row(MEMBARRIER_CMD,         MembarrierCmds.XLAT,   "MEMBARRIER_CMD_???");
        row(MEMBARRIER_FLAGS,       MembarrierFlags.XLAT,  "MEMBARRIER_CMD_FLAG_???");
        row(MPOL_GET_FLAGS,         MpolGetFlags.XLAT,     "MPOL_???");
        row(MBIND_FLAGS,            MbindFlags.XLAT,       "MPOL_???");
        row(SHMAT_FLAGS,            ShmatFlags.XLAT,       "SHM_???");
        row(IPC_MSG_FLAGS,          IpcMsgFlags.XLAT,      "MSG_???");
        // @formatter:on
    }

    private Constants() {}

    /**
     * The *_CLOEXEC|*_NONBLOCK flags of fd-creating calls take their names, and strace's
     * comment for bits none of which is named, from each call's header (memfd_secret's
     * unknown bits get no comment).
     */
    private static Row creationFlags(String syscall) {
        return switch (syscall) {
            case "eventfd2" -> new Row(EventfdFlags.XLAT, "EFD_???");
            case "epoll_create1" -> new Row(EpollCreateFlags.XLAT, "EPOLL_???");
            case "signalfd4" -> new Row(SignalfdFlags.XLAT, "SFD_???");
            case "inotify_init1" -> new Row(InotifyInitFlags.XLAT, "IN_???");
            case "timerfd_create" -> new Row(TimerfdFlags.XLAT, "TFD_???");
            case "pipe2", "dup3" -> new Row(OpenFlags.XLAT, "O_???");
            default -> new Row(OpenFlags.XLAT, null);
        };
    }

    private static void row(FormatSpecifier spec, Xlat table, String unknown) {
        ROWS.put(spec, new Row(table, unknown));
    }

    /** Whether {@code spec} is decoded here. */
    static boolean has(FormatSpecifier spec) {
        return ROWS.containsKey(spec);
    }

    static Value format(Call c, int i) {
        Row row = c.spec(i) == CLOEXEC_NONBLOCK_FLAGS ? creationFlags(c.name()) : ROWS.get(c.spec(i));
        long v = c.arg(i) & 0xffff_ffffL;
        if (row.table().isFlags()) return Numbers.flags(row.table(), v, row.unknown());
        // A negative constant (RUSAGE_CHILDREN is -1) is an int the kernel sign-extends.
        if (row.table().name(v) == null && row.table().name(c.intArg(i)) != null) {
            return Numbers.named(row.table(), c.intArg(i), row.unknown());
        }
        return Numbers.named(row.table(), v, row.unknown());
    }
}
