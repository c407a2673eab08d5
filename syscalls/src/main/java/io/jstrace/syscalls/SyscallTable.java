package io.jstrace.syscalls;

import io.jstrace.arch.Aarch64;
import io.jstrace.arch.Arch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One architecture's numbers joined with the shared catalogue and that architecture's
 * explicit overrides. Lookups never fail: an unknown number gets
 * {@link SyscallInfo#unknown}.
 */
public final class SyscallTable {
    private static final Map<Arch, SyscallTable> TABLES = new ConcurrentHashMap<>();

    private final Arch arch;
    private final SyscallInfo[] byNumber;

    private SyscallTable(Arch arch) {
        this.arch = arch;
        this.byNumber = new SyscallInfo[arch.syscalls().size()];
        for (int nr = 0; nr < byNumber.length; nr++) {
            String name = arch.syscalls().name(nr);
            if (name != null) byNumber[nr] = override(arch, SyscallCatalog.get(name));
        }
    }

    /** The table for {@code arch}, built once. */
    public static SyscallTable of(Arch arch) {
        return TABLES.computeIfAbsent(arch, SyscallTable::new);
    }

    /** The architecture whose numbers this table uses. */
    public Arch arch() {
        return arch;
    }

    /** The syscall with number {@code nr}, never {@code null}. */
    public SyscallInfo get(long nr) {
        SyscallInfo info = nr >= 0 && nr < byNumber.length ? byNumber[(int) nr] : null;
        return info != null ? info : SyscallInfo.unknown(nr);
    }

    /** The number of {@code name} on this architecture, or -1. */
    public int number(String name) {
        return arch.syscalls().number(name);
    }

    /**
     * Arch differences, each named. arm64 selects CONFIG_CLONE_BACKWARDS (arch/arm64/Kconfig),
     * so kernel/fork.c takes clone's arguments as (flags, newsp, parent_tid, tls, child_tid).
     */
    private static SyscallInfo override(Arch arch, SyscallInfo info) {
        if (arch instanceof Aarch64 && info.name().equals("clone")) {
            List<Arg> a = info.args();
            return info.withArgs(List.of(a.get(0), a.get(1), a.get(2), a.get(4), a.get(3)));
        }
        return info;
    }
}
