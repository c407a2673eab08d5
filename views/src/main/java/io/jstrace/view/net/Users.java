package io.jstrace.view.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** User names by uid, from /etc/passwd (read once, when first asked). */
final class Users {
    private Map<Integer, String> names;

    String name(int uid) {
        if (uid < 0) return null;
        if (names == null) names = read(Path.of("/etc/passwd"));
        return names.get(uid);
    }

    static Map<Integer, String> read(Path passwd) {
        Map<Integer, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length < 3) continue;
                try {
                    m.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                } catch (NumberFormatException e) {
                    // not a user line
                }
            }
        } catch (IOException | RuntimeException e) {
            // no names: uids alone
        }
        return m;
    }
}
