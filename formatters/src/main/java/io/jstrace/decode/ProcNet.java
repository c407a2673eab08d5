package io.jstrace.decode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tables under /proc/net, as whitespace-separated rows without their header line. */
final class ProcNet {
    private ProcNet() {}

    /** The rows of /proc/net/NAME, or none when it cannot be read. */
    static List<String[]> rows(String name) {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = lines(Path.of("/proc/net/" + name));
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (!l.isEmpty()) rows.add(l.split("\\s+"));
        }
        return rows;
    }

    static List<String> lines(Path file) {
        try {
            return java.nio.file.Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
