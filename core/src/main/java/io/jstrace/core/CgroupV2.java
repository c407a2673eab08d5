package io.jstrace.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * cgroup v2 groups by path: where the unified hierarchy is mounted (/sys/fs/cgroup, or
 * /sys/fs/cgroup/unified on hybrid systems), and which group a process is in.
 */
public final class CgroupV2 {
    private CgroupV2() {}

    /** The mount point of the cgroup2 filesystem (/proc/self/mountinfo), or {@code null}. */
    public static String root() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                // ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS... - FSTYPE SOURCE SUPER-OPTIONS
                int dash = line.indexOf(" - ");
                if (dash < 0 || !line.startsWith("cgroup2 ", dash + 3)) continue;
                return line.split(" ")[4];
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** {@code group} as a path below the hierarchy's root: {@code /sys/fs/cgroup/a/b} and {@code a/b} are {@code /a/b}. */
    public static String relative(String group) {
        String root = root();
        String g = root != null && group.startsWith(root + "/") ? group.substring(root.length()) : group;
        return g.startsWith("/") ? g : "/" + g;
    }

    /**
     * Whether process {@code pid}'s group (/proc/PID/cgroup's {@code 0::} line) is
     * {@code group} or below it; {@code null} when the process is gone.
     */
    public static Boolean contains(String group, int pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
                if (!line.startsWith("0::")) continue;
                String g = line.substring(3);
                return g.equals(group) || g.startsWith(group.endsWith("/") ? group : group + "/");
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
