package io.jstrace.view.exec;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tags an exec by what its argv runs: a git commit, or a build command. The program is
 * argv[0]'s last path component; rules are data, one row per tool.
 */
final class Classifier {
    static final String GIT_COMMIT = "git-commit";
    static final String BUILD = "build";

    /**
     * A build tool, and the subcommands that make it a build ({@code null}: any use is one).
     * Compilers match with a target prefix and a version suffix ({@code x86_64-linux-gnu-gcc-12}).
     */
    private record Rule(Pattern program, Set<String> subcommands) {
        static Rule any(String regex) {
            return new Rule(Pattern.compile(regex), null);
        }

        static Rule sub(String regex, String... subcommands) {
            return new Rule(Pattern.compile(regex), Set.of(subcommands));
        }
    }

    private static final List<Rule> BUILD_RULES = List.of(
            Rule.any("g?make|bmake|ninja|samu"),
            Rule.any("(?:[\\w.]+-)*(?:cc|gcc|g\\+\\+|c\\+\\+|clang|clang\\+\\+)(?:-[\\d.]+)?"),
            Rule.any("(?:[\\w.]+-)*(?:ld(?:\\.bfd|\\.gold|\\.lld)?|as)"),
            Rule.any("javac|kotlinc|scalac|rustc|tsc|msbuild|xcodebuild"),
            Rule.any("mvn|mvnw|gradle|gradlew|ant|sbt"),
            Rule.sub("cargo", "build", "b", "rustc"),
            Rule.sub("go", "build", "install"),
            Rule.sub("bazel|bazelisk|buck2?", "build"),
            Rule.sub("dotnet|swift", "build"),
            Rule.sub("meson", "compile"),
            Rule.sub("cmake", "--build"),
            Rule.sub("yarn|pnpm", "build"));

    /** git's options that take the next word as their value (git(1), "OPTIONS"). */
    private static final Set<String> GIT_OPTIONS_WITH_VALUE =
            Set.of("-C", "-c", "--git-dir", "--work-tree", "--namespace", "--super-prefix", "--config-env");

    private Classifier() {}

    /** The program's name: argv[0] after its last {@code /}. */
    static String program(List<String> argv) {
        if (argv.isEmpty()) return "";
        String a0 = argv.get(0);
        return a0.substring(a0.lastIndexOf('/') + 1);
    }

    /** {@code git [global options] commit ...}, or the old {@code git-commit}. */
    static boolean isGitCommit(List<String> argv) {
        String p = program(argv);
        if (p.equals("git-commit")) return true;
        if (!p.equals("git")) return false;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (GIT_OPTIONS_WITH_VALUE.contains(a)) i++;
            else if (!a.startsWith("-")) return a.equals("commit");
        }
        return false;
    }

    /** A build tool, a compiler or linker, or a package manager's build subcommand. */
    static boolean isBuildCommand(List<String> argv) {
        String p = program(argv);
        for (Rule r : BUILD_RULES) {
            if (r.program().matcher(p).matches() && (r.subcommands() == null || hasSubcommand(argv, r.subcommands()))) {
                return true;
            }
        }
        return isScriptBuild(p, argv);
    }

    /** The first word after the program that is not an option is one of {@code subcommands}. */
    private static boolean hasSubcommand(List<String> argv, Set<String> subcommands) {
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (subcommands.contains(a)) return true;
            if (!a.startsWith("-")) return false;
        }
        return false;
    }

    /** {@code npm run build}, {@code yarn run build}, {@code pnpm run build}: a script called build. */
    private static final Set<String> SCRIPT_RUNNERS = Set.of("npm", "yarn", "pnpm");

    private static boolean isScriptBuild(String program, List<String> argv) {
        if (!SCRIPT_RUNNERS.contains(program)) return false;
        int run = argv.indexOf("run");
        if (run < 0) run = argv.indexOf("run-script");
        return run > 0 && run + 1 < argv.size() && argv.get(run + 1).startsWith("build");
    }
}
