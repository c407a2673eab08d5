package io.jstrace.format;

import static io.jstrace.format.Value.field;

import io.jstrace.format.Value.Addr;
import io.jstrace.format.Value.Base;
import io.jstrace.format.Value.Field;
import io.jstrace.format.Value.Num;
import io.jstrace.syscalls.xlat.BpfCmds;
import io.jstrace.syscalls.xlat.BpfMapFlags;
import io.jstrace.syscalls.xlat.BpfMapTypes;
import io.jstrace.syscalls.xlat.BpfMapUpdateFlags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bpf(2)'s union bpf_attr (include/uapi/linux/bpf.h) for the map commands, as strace 6.1
 * prints it (src/bpf.c): the members of the command's struct that the size argument covers.
 * The other commands print the attr's address.
 */
final class Bpf {
    /** The map_create part of union bpf_attr, up to map_extra. */
    private static final int MAP_CREATE_SIZE = 72;
    /** The map_elem part: map_fd, key, value or next_key, flags. */
    private static final int MAP_ELEM_SIZE = 32;
    private static final long BPF_F_NUMA_NODE = 4;

    private Bpf() {}

    /** BPF_ATTR: the attr by command; size is the next argument. */
    static Value attr(Call c, int i) {
        long cmd = c.arg(0) & 0xffff_ffffL, addr = c.arg(i);
        long size = Math.min(c.arg(i + 1) & 0xffff_ffffL, cmd == BpfCmds.BPF_MAP_CREATE ? MAP_CREATE_SIZE : MAP_ELEM_SIZE);
        if (addr == 0 || !decoded(cmd) || size == 0) return new Addr(addr);
        byte[] raw = c.memory().read(addr, (int) size);
        if (raw == null) return new Value.Unreadable(addr);
        raw = Arrays.copyOf(raw, MAP_CREATE_SIZE);
        List<Field> f = new ArrayList<>();
        if (cmd == BpfCmds.BPF_MAP_CREATE) mapCreate(c, raw, size, f);
        else mapElem(c, cmd, raw, size, f);
        return new Value.Struct(f, false);
    }

    private static boolean decoded(long cmd) {
        return cmd == BpfCmds.BPF_MAP_CREATE || cmd == BpfCmds.BPF_MAP_LOOKUP_ELEM || cmd == BpfCmds.BPF_MAP_UPDATE_ELEM
                || cmd == BpfCmds.BPF_MAP_DELETE_ELEM || cmd == BpfCmds.BPF_MAP_GET_NEXT_KEY;
    }

    /** Each member prints when the size reaches past its offset. */
    private static void mapCreate(Call c, byte[] raw, long size, List<Field> f) {
        long flags = u32(raw, 16);
        f.add(field("map_type", Numbers.named(BpfMapTypes.XLAT, u32(raw, 0), "BPF_MAP_TYPE_???")));
        add(f, size, 4, "key_size", unsigned(raw, 4));
        add(f, size, 8, "value_size", unsigned(raw, 8));
        add(f, size, 12, "max_entries", unsigned(raw, 12));
        if (size <= 16) return;
        f.add(field("map_flags", Numbers.flags(BpfMapFlags.XLAT, flags, "BPF_F_???")));
        add(f, size, 20, "inner_map_fd", Files.descriptor(c, TraceeArrays.s32(raw, 20)));
        if ((flags & BPF_F_NUMA_NODE) != 0) add(f, size, 24, "numa_node", unsigned(raw, 24));
        if (size <= 28) return;
        f.add(field("map_name", mapName(raw, size)));
        add(f, size, 44, "map_ifindex", unsigned(raw, 44));
        add(f, size, 48, "btf_fd", Files.descriptor(c, TraceeArrays.s32(raw, 48)));
        add(f, size, 52, "btf_key_type_id", unsigned(raw, 52));
        add(f, size, 56, "btf_value_type_id", unsigned(raw, 56));
        add(f, size, 60, "btf_vmlinux_value_type_id", unsigned(raw, 60));
        add(f, size, 64, "map_extra", new Num(TraceeArrays.u64(raw, 64), Base.UNSIGNED));
    }

    /** map_name: up to its NUL within the 16 bytes (BPF_OBJ_NAME_LEN) the size covers. */
    private static Value mapName(byte[] raw, long size) {
        int len = (int) Math.min(16, size - 28), n = 0;
        while (n < len && raw[28 + n] != 0) n++;
        return new Value.Str(Arrays.copyOfRange(raw, 28, 28 + n), false);
    }

    private static void mapElem(Call c, long cmd, byte[] raw, long size, List<Field> f) {
        f.add(field("map_fd", Files.descriptor(c, TraceeArrays.s32(raw, 0))));
        add(f, size, 8, "key", new Addr(TraceeArrays.u64(raw, 8)));
        if (cmd == BpfCmds.BPF_MAP_DELETE_ELEM) return;
        add(f, size, 16, cmd == BpfCmds.BPF_MAP_GET_NEXT_KEY ? "next_key" : "value", new Addr(TraceeArrays.u64(raw, 16)));
        if (cmd == BpfCmds.BPF_MAP_GET_NEXT_KEY) return;
        add(f, size, 24, "flags", Numbers.named(BpfMapUpdateFlags.XLAT, TraceeArrays.u64(raw, 24), "BPF_???"));
    }

    private static void add(List<Field> f, long size, int offset, String name, Value v) {
        if (size > offset) f.add(field(name, v));
    }

    private static Value unsigned(byte[] raw, int off) {
        return new Num(u32(raw, off), Base.UNSIGNED);
    }

    private static long u32(byte[] raw, int off) {
        return TraceeArrays.s32(raw, off) & 0xffff_ffffL;
    }
}
