import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the syscall-number tables of the arch module from the machine's kernel
 * headers (linux-libc-dev) plus spec files for syscalls newer than those headers.
 *
 * <p>Run from the project root: {@code java tools/SyscallNumbersGen.java [OUTPUT_DIR]}.
 * Without an argument it writes into arch/src/main/java/io/jstrace/arch. Output is
 * deterministic, so a test can regenerate into a temporary directory and compare.
 *
 * <ul>
 *   <li>x86_64: the {@code #define __NR_name N} lines of asm/unistd_64.h, which the
 *       kernel generates from arch/x86/entry/syscalls/syscall_64.tbl.
 *   <li>aarch64: asm-generic/unistd.h preprocessed as arm64 sees it. The kernel's
 *       arch/arm64/include/uapi/asm/unistd.h defines the {@code __ARCH_WANT_*} switches
 *       below before including it, and arch/arm64/include/uapi/asm/bitsperlong.h sets
 *       {@code __BITS_PER_LONG} to 64, which selects the 64-bit names
 *       ({@code __NR_fcntl}, {@code __NR_newfstatat}, {@code __NR_mmap}, ...).
 * </ul>
 */
public final class SyscallNumbersGen {
    static final Path X86_64_HEADER = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    static final Path GENERIC_HEADER = Path.of("/usr/include/asm-generic/unistd.h");
    static final Path TABLES = Path.of("arch/src/main/tables");
    static final Path DEFAULT_OUTPUT = Path.of("arch/src/main/java/io/jstrace/arch");

    /** What arch/arm64/include/uapi/asm/unistd.h defines before including asm-generic/unistd.h. */
    static final List<String> ARM64_WANTS = List.of(
            "__ARCH_WANT_RENAMEAT",
            "__ARCH_WANT_NEW_STAT",
            "__ARCH_WANT_SET_GET_RLIMIT",
            "__ARCH_WANT_TIME32_SYSCALLS",
            "__ARCH_WANT_SYS_CLONE3",
            "__ARCH_WANT_MEMFD_SECRET");

    /** asm-generic/unistd.h macros that are not syscalls. */
    static final Set<String> NOT_SYSCALLS = Set.of("syscalls", "arch_specific_syscall");

    private static final Pattern DEFINE = Pattern.compile("#define\\s+(\\w+)\\s+(.*?)\\s*");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private SyscallNumbersGen() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        Files.createDirectories(out);
        Path x86Extra = TABLES.resolve("extra_x86_64.in");
        Path armExtra = TABLES.resolve("extra_aarch64.in");
        write(out, "X86_64Syscalls", List.of(X86_64_HEADER, x86Extra),
                merge(x86_64FromHeader(), readSpec(x86Extra)));
        write(out, "Aarch64Syscalls", List.of(GENERIC_HEADER, armExtra),
                merge(aarch64FromHeader(), readSpec(armExtra)));
    }

    // ---- sources ----

    /** Number to name from the plain {@code __NR_name N} defines of unistd_64.h. */
    static TreeMap<Integer, String> x86_64FromHeader() throws IOException {
        Map<String, String> defines = new HashMap<>();
        for (String line : Files.readAllLines(X86_64_HEADER)) putDefine(defines, line);
        return syscalls(defines, X86_64_HEADER);
    }

    /** Number to name from asm-generic/unistd.h, preprocessed with arm64's settings. */
    static TreeMap<Integer, String> aarch64FromHeader() throws IOException, InterruptedException {
        Map<String, String> defines = new HashMap<>();
        for (String line : preprocessForArm64()) putDefine(defines, line);
        return syscalls(defines, GENERIC_HEADER);
    }

    /**
     * {@code gcc -E -dM} of a file that mirrors arch/arm64/include/uapi/asm/unistd.h. With
     * {@code -nostdinc} the host's asm/ directory is out of the way; a stub asm/bitsperlong.h
     * mirrors arm64's, which defines {@code __BITS_PER_LONG 64}.
     */
    static List<String> preprocessForArm64() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("syscallgen");
        try {
            Files.createDirectories(dir.resolve("asm"));
            Files.writeString(dir.resolve("asm/bitsperlong.h"),
                    "#define __BITS_PER_LONG 64\n#include <asm-generic/bitsperlong.h>\n");
            StringBuilder unistd = new StringBuilder();
            for (String want : ARM64_WANTS) unistd.append("#define ").append(want).append('\n');
            unistd.append("#include <asm-generic/unistd.h>\n");
            Path input = Files.writeString(dir.resolve("arm64-unistd.h"), unistd);
            Path root = GENERIC_HEADER.getParent().getParent();
            return run(List.of("gcc", "-E", "-dM", "-undef", "-nostdinc",
                    "-I", dir.toString(), "-I", root.toString(), input.toString()));
        } finally {
            deleteTree(dir);
        }
    }

    /** Rows of a spec file: {@code NUMBER NAME} per line, {@code #} comments, blank lines. */
    static TreeMap<Integer, String> readSpec(Path spec) throws IOException {
        TreeMap<Integer, String> rows = new TreeMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(spec)) {
            lineNo++;
            String text = line.replaceFirst("#.*", "").trim();
            if (text.isEmpty()) continue;
            String[] f = text.split("\\s+");
            if (f.length != 2 || !NUMBER.matcher(f[0]).matches()) {
                throw fail(spec + ":" + lineNo + ": expected NUMBER NAME, got: " + line);
            }
            put(rows, Integer.parseInt(f[0]), f[1], spec.toString());
        }
        return rows;
    }

    // ---- resolving and merging ----

    private static void putDefine(Map<String, String> defines, String line) {
        Matcher m = DEFINE.matcher(line);
        if (m.matches()) defines.put(m.group(1), m.group(2));
    }

    /** Every {@code __NR_name} resolved to its number; {@code __NR3264_*} are only aliases. */
    static TreeMap<Integer, String> syscalls(Map<String, String> defines, Path source) {
        TreeMap<Integer, String> rows = new TreeMap<>();
        for (Map.Entry<String, String> d : defines.entrySet()) {
            if (!d.getKey().startsWith("__NR_")) continue;
            String name = d.getKey().substring("__NR_".length());
            if (NOT_SYSCALLS.contains(name)) continue;
            put(rows, resolve(defines, d.getKey()), name, source.toString());
        }
        if (rows.isEmpty()) throw fail(source + ": no __NR_ defines found");
        return rows;
    }

    /** Follows macro-to-macro definitions ({@code __NR_lseek __NR3264_lseek}) to a number. */
    private static int resolve(Map<String, String> defines, String macro) {
        String value = defines.get(macro);
        for (int hops = 0; value != null && hops < 8; hops++) {
            if (NUMBER.matcher(value).matches()) return Integer.parseInt(value);
            value = defines.get(value);
        }
        throw fail("cannot resolve " + macro + " to a number");
    }

    private static void put(TreeMap<Integer, String> rows, int nr, String name, String source) {
        String old = rows.putIfAbsent(nr, name);
        if (old != null) throw fail(source + ": number " + nr + " is both " + old + " and " + name);
    }

    /**
     * The header rows plus the spec rows. A spec row the header already has is checked:
     * same name must mean same number, and a number must not change its name.
     */
    static TreeMap<Integer, String> merge(TreeMap<Integer, String> header, TreeMap<Integer, String> spec) {
        Map<String, Integer> byName = new HashMap<>();
        header.forEach((nr, name) -> byName.put(name, nr));
        TreeMap<Integer, String> all = new TreeMap<>(header);
        for (Map.Entry<Integer, String> row : spec.entrySet()) {
            int nr = row.getKey();
            String name = row.getValue();
            Integer known = byName.get(name);
            if (known != null && known != nr) {
                throw fail("spec says " + name + " is " + nr + ", the header says " + known);
            }
            String there = all.putIfAbsent(nr, name);
            if (there != null && !there.equals(name)) {
                throw fail("spec says " + nr + " is " + name + ", the header says " + there);
            }
        }
        return all;
    }

    // ---- output ----

    static void write(Path dir, String className, List<Path> sources, TreeMap<Integer, String> rows)
            throws IOException {
        Files.writeString(dir.resolve(className + ".java"), render(className, sources, rows),
                StandardCharsets.UTF_8);
    }

    static String render(String className, List<Path> sources, TreeMap<Integer, String> rows) {
        int width = String.valueOf(rows.lastKey()).length();
        StringBuilder s = new StringBuilder();
        s.append("// Generated by tools/SyscallNumbersGen.java from ")
                .append(String.join(" and ", sources.stream().map(Path::toString).toList()))
                .append(". DO NOT EDIT.\n")
                .append("package io.jstrace.arch;\n\n")
                .append("/** Syscall numbers of {@link ").append(className.replace("Syscalls", ""))
                .append("}'s native ABI, in number order. */\n")
                .append("public final class ").append(className).append(" {\n")
                .append("    private ").append(className).append("() {}\n\n")
                .append("    static final SyscallNumbers NUMBERS = SyscallNumbers.builder()\n");
        rows.forEach((nr, name) -> s.append(String.format("            .add(%" + width + "d, \"%s\")%n", nr, name)));
        return s.append("            .build();\n}\n").toString().replace(System.lineSeparator(), "\n");
    }

    // ---- plumbing ----

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw fail(String.join(" ", command) + " failed, exit " + p.exitValue());
        return out.lines().toList();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) Files.delete(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static IllegalStateException fail(String message) {
        return new IllegalStateException(message);
    }
}
