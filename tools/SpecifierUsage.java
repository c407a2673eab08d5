import io.jstrace.syscalls.FormatSpecifier;
import io.jstrace.syscalls.SyscallCatalog;
import io.jstrace.syscalls.SyscallInfo;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many catalogue rows use each {@link FormatSpecifier}: the kinds only one syscall uses
 * are that syscall's business (CUSTOM/POST_CUSTOM and its decoder), not the catalogue's.
 *
 * <pre>
 * mvn -q -B -o -pl syscalls compile
 * java -cp syscalls/target/classes tools/SpecifierUsage.java [--single]
 * </pre>
 */
public class SpecifierUsage {
    public static void main(String[] args) {
        boolean single = args.length > 0 && args[0].equals("--single");
        Map<FormatSpecifier, Set<String>> rows = new EnumMap<>(FormatSpecifier.class);
        for (FormatSpecifier f : FormatSpecifier.values()) rows.put(f, new TreeSet<>());
        for (SyscallInfo info : SyscallCatalog.all()) {
            info.args().forEach(a -> rows.get(a.spec()).add(info.name()));
        }
        int ones = 0;
        for (var e : rows.entrySet()) {
            int n = e.getValue().size();
            if (n == 1) ones++;
            if (!single || n == 1) {
                System.out.printf("%-24s %-5s %3d %s%n", e.getKey(), e.getKey().phase(), n,
                        n <= 4 ? String.join(",", e.getValue()) : "");
            }
        }
        System.out.printf("constants: %d, used by one syscall: %d%n", FormatSpecifier.values().length, ones);
    }
}
