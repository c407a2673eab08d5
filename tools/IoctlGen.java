import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates the table of ioctl(2) request names, {@code
 * syscalls/src/main/resources/io/jstrace/syscalls/ioctls.tsv}, from the kernel's uapi headers on
 * this machine (linux-libc-dev, and glibc's scsi/ headers).
 *
 * <pre>
 * java tools/IoctlGen.java [OUTFILE]     (run from the project root)
 * </pre>
 *
 * <p>A request is named by the headers in two ways, both collected here:
 *
 * <ul>
 *   <li>a macro built with the request encoders of include/uapi/asm-generic/ioctl.h, {@code
 *       #define EVIOCGVERSION _IOR('E', 0x01, int)} (also their {@code _S} and prefixed forms,
 *       {@code _IOC_...}); its value needs the compiler (the size field is a {@code sizeof}), so
 *       each header is compiled into a program that prints its requests;
 *   <li>a literal of the old, type-and-number-only form in the headers that still use it
 *       ({@code #define KDGETLED 0x4B31} in linux/kd.h): the {@link #LITERALS} table says which
 *       headers and which type bytes.
 * </ul>
 *
 * <p>A name defined by two headers keeps its first header in path order ({@code asm/} before
 * {@code asm-generic/}). The table is sorted by value, then name; a tracer prints every name of
 * a value, joined by " or ", as strace does. One line a request: value (hex), name, header.
 */
public final class IoctlGen {
    static final Path OUT = Path.of("syscalls/src/main/resources/io/jstrace/syscalls/ioctls.tsv");
    static final Path INCLUDE = Path.of("/usr/include");
    /** The uapi directories of linux-libc-dev; asm/ is the build machine's (x86_64-linux-gnu). */
    static final Map<String, Path> DIRS = dirs();

    /** Headers whose requests are hex literals: the type byte (a regex) and the headers. */
    static final Map<String, List<String>> LITERALS = literals();

    private static Map<String, Path> dirs() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("asm", INCLUDE.resolve("x86_64-linux-gnu/asm"));
        for (String d : List.of("asm-generic", "linux", "misc", "mtd", "rdma", "scsi", "sound", "video", "xen"))
            m.put(d, INCLUDE.resolve(d));
        return m;
    }

    private static Map<String, List<String>> literals() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("03", List.of("linux/hdreg.h"));
        m.put("22", List.of("scsi/sg.h"));
        m.put("46", List.of("linux/fb.h"));
        m.put("4[Bb]", List.of("linux/kd.h"));
        m.put("4[Cc]", List.of("linux/loop.h"));
        m.put("53", List.of("linux/cdrom.h", "scsi/scsi.h", "scsi/scsi_ioctl.h"));
        m.put("(46|54|66|74)", List.of("asm/ioctls.h", "asm-generic/ioctls.h"));
        m.put("56", List.of("linux/vt.h"));
        m.put("7[12]", List.of("linux/videotext.h"));
        m.put("89", List.of("asm/sockios.h", "asm-generic/sockios.h", "linux/sockios.h"));
        m.put("8[Bb]", List.of("linux/wireless.h"));
        return m;
    }

    /**
     * Names left out, as strace 6.1 leaves them out of x86_64's table: other architectures'
     * KVM requests (linux/kvm.h defines them all), the v4l2-subdev aliases of the video
     * requests, the old DMA_BUF_SET_NAME (a pointer-sized alias of DMA_BUF_SET_NAME_B), the
     * old PPPIOCGIDLE (now PPPIOCGIDLE32 or PPPIOCGIDLE64), and glibc's SCSI_IOCTL_TAGGED_*
     * (gone from the kernel's scsi/scsi_ioctl.h), and xen/gntalloc.h's (strace reads no xen/ header).
     */
    static final Pattern EXCLUDED = Pattern.compile("KVM_(S390|PPC|ARM)_.*"
            + "|VIDIOC_SUBDEV_(DV_TIMINGS_CAP|ENUM_DV_TIMINGS|ENUMSTD|G_DV_TIMINGS|G_EDID|G_STD|QUERY_DV_TIMINGS"
            + "|QUERYSTD|S_DV_TIMINGS|S_EDID|S_STD)|DMA_BUF_SET_NAME|PPPIOCGIDLE|SCSI_IOCTL_TAGGED_.*|IOCTL_GNTALLOC_.*");

    /**
     * Requests the kernel defines outside the headers on this machine: glibc's scsi/sg.h
     * stops before the kernel's include/scsi/sg.h SG_GET_ACCESS_COUNT.
     */
    static final List<Entry> ABSENT = List.of(new Entry(0x2289, "SG_GET_ACCESS_COUNT", "scsi/sg.h"));

    /**
     * Headers that use types other headers define (their own includes do not bring them in):
     * those headers, included first.
     */
    static final Map<String, List<String>> PRELUDES = Map.of(
            "asm-generic/ioctls.h", List.of("asm/termbits.h", "linux/serial.h"),
            "linux/fs.h", List.of("linux/fiemap.h", "linux/blkpg.h", "linux/blktrace_api.h"),
            "linux/raid/md_u.h", List.of("linux/raid/md_p.h", "linux/major.h"),
            "linux/meye.h", List.of("linux/videodev2.h"),
            "linux/sonet.h", List.of("linux/atmioc.h"),
            "linux/atm_zatm.h", List.of("linux/atmdev.h"),
            "linux/atm_nicstar.h", List.of("linux/atmdev.h"),
            "linux/atm_eni.h", List.of("linux/atmdev.h"),
            "linux/atm_he.h", List.of("linux/atmdev.h"),
            "linux/ppp-ioctl.h", List.of("linux/filter.h"));

    /**
     * {@code #define NAME _IOR(...)} and the like: object-like macros whose value is an encoder
     * call, on the same line or the next ({@code #define PTP_SYS_OFFSET_PRECISE \}).
     */
    static final Pattern ENCODED = Pattern.compile(
            "^\\s*#\\s*define\\s+([A-Z][A-Z0-9_]*)(?:\\s|\\\\)+([A-Z]+)?_S?(IO|IOW|IOR|IOWR|IOC)\\s*\\([^)]",
            Pattern.MULTILINE);

    record Entry(long value, String name, String header) {}

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : OUT;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(collect()), StandardCharsets.UTF_8);
    }

    static List<Entry> collect() throws Exception {
        List<Entry> all = new ArrayList<>(ABSENT);
        for (Map.Entry<String, List<String>> l : LITERALS.entrySet())
            for (String h : l.getValue()) all.addAll(literal(h, l.getKey()));
        List<String> headers = new ArrayList<>();
        for (Map.Entry<String, Path> d : DIRS.entrySet()) {
            if (!Files.isDirectory(d.getValue())) continue;
            try (Stream<Path> s = Files.walk(d.getValue())) {
                s.filter(p -> p.toString().endsWith(".h")).sorted().forEach(p ->
                        headers.add(d.getKey() + "/" + d.getValue().relativize(p)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<List<Entry>>> jobs = new ArrayList<>();
            for (String h : headers) jobs.add(pool.submit(() -> encoded(h)));
            for (Future<List<Entry>> j : jobs) all.addAll(j.get());
        } finally {
            pool.shutdown();
        }
        return table(all);
    }

    /** One entry per name (its first header in path order), sorted by value then name. */
    static List<Entry> table(List<Entry> all) {
        Map<String, Entry> byName = new TreeMap<>();
        all.stream().filter(e -> !EXCLUDED.matcher(e.name()).matches()).sorted(Comparator.comparing(Entry::name).thenComparing(e -> headerKey(e.header())))
                .forEach(e -> byName.putIfAbsent(e.name(), e));
        return byName.values().stream()
                .sorted(Comparator.comparingLong(Entry::value).thenComparing(Entry::name))
                .toList();
    }

    /** Path order, except that asm/ comes before asm-generic/. */
    private static String headerKey(String h) {
        return h.startsWith("asm/") ? "asm!" + h.substring(3) : h;
    }

    static Path file(String header) {
        int slash = header.indexOf('/');
        return DIRS.get(header.substring(0, slash)).resolve(header.substring(slash + 1));
    }

    static List<Entry> literal(String header, String type) throws IOException {
        Path f = file(header);
        if (!Files.exists(f)) return List.of();
        Pattern p = Pattern.compile("^\\s*#\\s*define\\s+([A-Z][A-Z0-9_]*)\\s+(0x" + type + "[0-9A-Fa-f]{2})\\b",
                Pattern.MULTILINE);
        List<Entry> r = new ArrayList<>();
        Matcher m = p.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
        while (m.find()) r.add(new Entry(Long.parseLong(m.group(2).substring(2), 16), m.group(1), header));
        return r;
    }

    /** The header's encoded requests, by compiling a program that prints them. */
    static List<Entry> encoded(String header) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Matcher m = ENCODED.matcher(Files.readString(file(header), StandardCharsets.ISO_8859_1));
        while (m.find()) if (seen.add(m.group(1))) names.add(m.group(1));
        if (names.isEmpty()) return List.of();
        Path dir = Files.createTempDirectory("ioctlgen");
        try {
            // Drop the names the compiler rejects (a size of a type the header does not define
            // for user space) one error at a time, keeping the rest of the header.
            for (int round = 0; round < 64 && !names.isEmpty(); round++) {
                Path c = dir.resolve("p.c");
                Files.writeString(c, program(header, names));
                Process gcc = new ProcessBuilder("gcc", "-w", "-o", dir.resolve("p").toString(), c.toString())
                        .redirectErrorStream(true).start();
                String err = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (gcc.waitFor() == 0) return run(dir.resolve("p"), header);
                Set<Integer> bad = new HashSet<>();
                Matcher e = Pattern.compile("p\\.c:(\\d+):\\d+: error").matcher(err);
                while (e.find()) bad.add(Integer.parseInt(e.group(1)) - firstLine(header));
                if (bad.isEmpty() || bad.stream().anyMatch(i -> i < 0 || i >= names.size())) {
                    System.err.println("IoctlGen: " + header + " does not compile alone, skipped");
                    return List.of();
                }
                List<String> kept = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    if (!bad.contains(i)) kept.add(names.get(i));
                    else System.err.println("IoctlGen: " + header + ": " + names.get(i) + " left out (does not compile)");
                }
                names.clear();
                names.addAll(kept);
            }
            return List.of();
        } finally {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    /** The line of the program's first printf. */
    static int firstLine(String header) {
        return 11 + PRELUDES.getOrDefault(header, List.of()).size();
    }

    static String program(String header, List<String> names) {
        StringBuilder b = new StringBuilder();
        b.append("#include <stdio.h>\n#include <stdint.h>\n#include <time.h>\n#include <sys/time.h>\n#include <sys/types.h>\n");
        b.append("#include <sys/socket.h>\n#include <linux/types.h>\n#include <linux/ioctl.h>\n");
        b.append("#include <").append(header).append(">\n");
        for (String h : PRELUDES.getOrDefault(header, List.of())) b.append("#include <").append(h).append(">\n");
        b.append("int main(void) {\n");
        for (String n : names) b.append("printf(\"%s\\t%#x\\n\", \"").append(n).append("\", (unsigned) (").append(n).append("));\n");
        b.append("return 0;\n}\n");
        return b.toString();
    }

    static List<Entry> run(Path exe, String header) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(exe.toString()).start();
        List<Entry> r = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t");
            r.add(new Entry(Long.decode(f[1].equals("0") ? "0" : f[1]), f[0], header));
        }
        if (p.waitFor() != 0) throw new IOException(header + ": program failed");
        return r;
    }

    static String render(List<Entry> table) {
        StringBuilder b = new StringBuilder();
        b.append("# Generated by tools/IoctlGen.java from the uapi headers (linux-libc-dev, x86_64). DO NOT EDIT.\n");
        b.append("# ioctl(2) requests: value, name, header. Sorted by value, then name.\n");
        for (Entry e : table) b.append(String.format("%#010x\t%s\t%s%n", e.value(), e.name(), e.header()));
        return b.toString();
    }
}
