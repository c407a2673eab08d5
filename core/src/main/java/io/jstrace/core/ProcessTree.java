package io.jstrace.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A process and its descendants now, from the parent ids in /proc/PID/stat. */
public final class ProcessTree {
    private ProcessTree() {}

    /** {@code root} (if it exists) and its descendants, parents before children. */
    public static List<Integer> of(int root) {
        if (!Files.isDirectory(Path.of("/proc/" + root))) return List.of();
        Map<Integer, List<Integer>> children = childrenByParent();
        List<Integer> tree = new ArrayList<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            int pid = todo.pop();
            tree.add(pid);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return tree;
    }

    private static Map<Integer, List<Integer>> childrenByParent() {
        Map<Integer, List<Integer>> children = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                int ppid = ppid(d);
                if (ppid >= 0) children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Integer.parseInt(name));
            }
        } catch (IOException e) {
            return children;
        }
        return children;
    }

    /** Field 4 of /proc/PID/stat, after the parenthesised comm; -1 when gone. */
    private static int ppid(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            return Integer.parseInt(f[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
