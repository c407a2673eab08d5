package io.jstrace.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ProcConnector's Javadoc example is the code of a compiled class. */
class ProcConnectorExampleTest {
    private static String normalized(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }

    @Test
    void javadocQuotesWatchExecs() throws Exception {
        String doc = Files.readString(Path.of("src/main/java/io/jstrace/core/ProcConnector.java"));
        String snippet = doc.substring(doc.indexOf("<pre>{@code") + "<pre>{@code".length(), doc.indexOf("}</pre>"));
        String code = snippet.lines().map(l -> l.replaceFirst("^\\s*\\*", "")).collect(Collectors.joining("\n"));
        String example = Files.readString(Path.of("src/test/java/io/jstrace/core/examples/WatchExecs.java"));
        assertTrue(normalized(code).length() > 100, code);
        assertTrue(normalized(example).contains(normalized(code)), "ProcConnector's Javadoc must quote WatchExecs.main");
    }
}
