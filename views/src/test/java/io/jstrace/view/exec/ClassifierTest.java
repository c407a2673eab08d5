package io.jstrace.view.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifierTest {

    private static List<String> words(String line) {
        return List.of(line.split(" "));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "git commit -m x|true",
        "/usr/bin/git commit|true",
        "git -C /tmp/repo commit -am msg|true",
        "git -c user.name=x -c user.email=y commit|true",
        "git --no-pager --git-dir=/r/.git commit|true",
        "git-commit -m x|true",
        "git status|false",
        "git log --grep commit|false",
        "git -C commit status|false",
        "gitk commit|false",
    })
    void gitCommits(String argv, boolean commit) {
        assertEquals(commit, Classifier.isGitCommit(words(argv)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "make -j2|true",
        "/usr/bin/gmake all|true",
        "ninja -C out|true",
        "cc -c a.c|true",
        "gcc -o x x.c|true",
        "x86_64-linux-gnu-gcc-12 -c a.c|true",
        "clang++ a.cc|true",
        "/usr/bin/ld -o prog a.o|true",
        "javac Main.java|true",
        "mvn -B verify|true",
        "./gradlew build|true",
        "cargo build --release|true",
        "cargo +nightly build|false",
        "cargo test|false",
        "go build ./...|true",
        "go test ./...|false",
        "npm run build|true",
        "npm run build:prod|true",
        "npm run lint|false",
        "yarn build|true",
        "yarn run build|true",
        "cmake --build out|true",
        "cmake ..|false",
        "ls -la|false",
        "makeinfo x|false",
        "ccache cc -c a.c|false",
    })
    void buildCommands(String argv, boolean build) {
        assertEquals(build, Classifier.isBuildCommand(words(argv)));
    }
}
