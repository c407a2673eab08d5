package io.jstrace.view.tls;

import io.jstrace.core.Uprobes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TLS libraries of the machine, for uprobes: the {@code libssl*} and {@code libgnutls*}
 * shared objects in the dynamic linker's directories (ld.so(8): the trusted directories and
 * those /etc/ld.so.conf names), and those any running process maps from elsewhere (a
 * virtualenv, /opt, a container's root, reached through /proc/PID/root). Each file once,
 * by inode: a uprobe belongs to the inode, so every process mapping it, now or later, hits it.
 */
final class TlsLibraries {
    /** libssl.so.3, libssl.so.1.1, libgnutls.so.30, libgnutls-openssl.so.27. */
    private static final Pattern NAME = Pattern.compile("lib(ssl|gnutls)[\\w+-]*\\.so(\\.\\d+)*");
    private static final List<String> TRUSTED = List.of("/lib", "/usr/lib", "/lib64", "/usr/lib64");

    private TlsLibraries() {}

    /** The libraries whose path {@code only} finds (all when {@code null}), in a stable order. */
    static List<Path> find(Pattern only) {
        Set<Path> candidates = new LinkedHashSet<>();
        for (Path dir : directories()) candidates.addAll(inDirectory(dir));
        candidates.addAll(Uprobes.mappedFiles(NAME));
        List<Path> found = new ArrayList<>();
        Set<Object> inodes = new HashSet<>();
        for (Path p : candidates) {
            if (only != null && !only.matcher(p.toString()).find()) continue;
            try {
                if (Files.isRegularFile(p) && inodes.add(Files.getAttribute(p, "unix:dev") + ":"
                        + Files.getAttribute(p, "unix:ino"))) {
                    found.add(p);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // gone since it was listed
            }
        }
        return found;
    }

    /** The trusted directories, their multiarch subdirectories, and the lines of /etc/ld.so.conf.d/*.conf. */
    private static List<Path> directories() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String d : TRUSTED) {
            dirs.add(Path.of(d));
            dirs.add(Path.of(d, "x86_64-linux-gnu"));
        }
        dirs.add(Path.of("/usr/local/lib"));
        for (Path conf : list(Path.of("/etc/ld.so.conf.d"))) {
            if (!conf.toString().endsWith(".conf")) continue;
            try {
                for (String line : Files.readAllLines(conf)) {
                    String l = line.strip();
                    if (l.startsWith("/")) dirs.add(Path.of(l));
                }
            } catch (IOException e) {
                // unreadable: its directories are not searched
            }
        }
        return new ArrayList<>(dirs);
    }

    private static List<Path> inDirectory(Path dir) {
        return list(dir).stream().filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                .map(TlsLibraries::real).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The file a name links to ({@code libssl.so} is {@code libssl.so.3}): each library under its own name. */
    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
