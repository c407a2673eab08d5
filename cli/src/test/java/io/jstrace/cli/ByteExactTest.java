package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstrace.core.TraceeText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's reproducers, through the ./jstrace launcher script: the command gets the argv
 * and the environment jstrace was given byte for byte, whatever the locale and the names,
 * for the trace and the exec view; every output that shows them keeps them (the exec
 * view's {@code $'\xff'} words run the same bytes when pasted into bash; JSON keeps valid
 * UTF-8 as text and escapes the other bytes as docs/jstrace.schema.json says, read back by
 * Jackson, Python and jq). The scripts are ASCII; the bytes are made by printf in the shell.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class ByteExactTest {
    /** "bad\xff\xfe", not UTF-8. */
    private static final String BAD = "\"$(printf 'bad\\377\\376')\"";
    /** "ü", valid UTF-8 but not ASCII. */
    private static final String UE = "\"$(printf '\\303\\274')\"";
    private static final byte[] BAD_BYTES = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe};
    private static final byte[] UE_BYTES = {(byte) 0xc3, (byte) 0xbc};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path jstrace;

    @BeforeEach
    void launcher() throws Exception {
        jstrace = LauncherScript.write(dir);
    }

    @Test
    void argvReachesTheCommandByteForByteInEveryLocale() throws Exception {
        byte[] expected = nulJoined(List.of(BAD_BYTES, UE_BYTES, bytes("plain"), bytes("")));
        for (String locale : List.of("C", "C.UTF-8")) {
            String words = " printf '%s\\0' " + BAD + " " + UE + " plain ''";
            String env = "LANG=" + locale + " LC_ALL=" + locale + " ";
            assertArrayEquals(expected, sh(env + "\"$J\" -o /dev/null" + words), "trace, LANG=" + locale);
            assertArrayEquals(expected, sh(env + "\"$J\" exec -o /dev/null" + words), "exec view, LANG=" + locale);
        }
        // the issue's own: ls finds the file only by its own bytes
        sh("printf x > " + BAD + ".txt");
        String out = new String(sh("LANG=C \"$J\" -o /dev/null ls " + BAD + ".txt && echo found"), StandardCharsets.ISO_8859_1);
        assertTrue(out.endsWith("found\n"), out);
    }

    /**
     * Names a shell cannot hold ({@code a-b}, {@code x.y}), a value that is not UTF-8, an
     * order a shell would not keep: {@code env -0} in the command prints exactly them.
     */
    @Test
    void environmentReachesTheCommandByteForByte() throws Exception {
        String path = "PATH=/usr/local/bin:/usr/bin:/bin";
        String given = "env -i 'a-b=1' 'x.y=2' Z=last A=first _=x \"V=$(printf 'bad\\377')\" " + path;
        byte[] expected = nulJoined(List.of(bytes("a-b=1"), bytes("x.y=2"), bytes("Z=last"), bytes("A=first"),
                bytes("_=x"), new byte[] {'V', '=', 'b', 'a', 'd', (byte) 0xff}, bytes(path)));
        assertArrayEquals(expected, sh(given + " \"$J\" -o /dev/null env -0"), "trace");
        assertArrayEquals(expected, sh(given + " \"$J\" exec -o /dev/null env -0"), "exec view");
    }

    /** The exec view's line, pasted into bash, runs the same bytes; its -j keeps them too. */
    @Test
    void execViewLinesRunTheSameBytes() throws Exception {
        Path log = dir.resolve("exec.log"), json = dir.resolve("exec.json");
        String words = " printf '%s\\0' " + BAD + " " + UE + " \"$(printf 'tab\\tquote\\047')\"";
        byte[] ran = sh("\"$J\" exec -o " + log + words);
        byte[] again = sh("\"$J\" exec -j -o " + json + words);
        assertArrayEquals(ran, again);
        String line = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(" exec ") && l.contains("printf")).findFirst().orElseThrow();
        String command = line.substring(line.indexOf("printf '%s\\0'"));
        assertTrue(command.contains("$'bad\\xff\\xfe'") && command.contains(" 'ü' ") && command.contains("$'tab\\tquote\\''"),
                command);
        Path pasted = dir.resolve("pasted.sh");
        Files.writeString(pasted, command + "\n");
        assertArrayEquals(ran, run(List.of("bash", pasted.toString())), "bash runs the line as it was run");

        JsonNode exec = null;
        for (String l : Files.readAllLines(json, StandardCharsets.US_ASCII)) {
            JsonNode n = JSON.readTree(l);
            if (n.path("event").asText().equals("exec") && n.path("argv").path(0).asText().equals("printf")) exec = n;
        }
        assertTrue(exec != null, Files.readString(json));
        assertArrayEquals(BAD_BYTES, TraceeText.bytes(exec.get("argv").get(2).asText()), "Jackson: the bytes back");
        assertEquals("ü", exec.get("argv").get(3).asText(), "valid UTF-8 is its text");
        assertTrue(Files.readString(json).contains("\"bad\\udcff\\udcfe\""), "escaped as the schema says");
        String python = "import json,sys\nfor l in open(sys.argv[1]):\n r=json.loads(l)\n"
                + " if r['event']=='exec' and r['argv'][0]=='printf': sys.stdout.buffer.write("
                + "r['argv'][2].encode('utf-8','surrogateescape')+r['argv'][3].encode())\n";
        assertArrayEquals(concat(BAD_BYTES, UE_BYTES), run(List.of("python3", "-c", python, json.toString())),
                "Python's surrogateescape gives the bytes back");
        if (hasJq()) {
            byte[] jq = run(List.of("jq", "-j", "select(.event==\"exec\" and .argv[0]==\"printf\") | .argv[3]",
                    json.toString()));
            assertArrayEquals(UE_BYTES, jq, "jq reads valid UTF-8 as the text it is, no mojibake");
        }
    }

    /** The trace's --json: a path that is not UTF-8 and one that is, each kept. */
    @Test
    void traceJsonKeepsTheBytesOfPaths() throws Exception {
        Path json = dir.resolve("trace.json");
        sh("\"$J\" --json -e trace=openat -o " + json + " cat " + BAD + " " + UE + " 2>/dev/null; true");
        List<byte[]> paths = new ArrayList<>();
        var schema = Schemas.of("jstrace.schema.json");
        for (String l : Files.readAllLines(json, StandardCharsets.US_ASCII)) {
            assertEquals(null, Schemas.errors(schema, l), l);
            JsonNode r = JSON.readTree(l);
            if (r.path("name").asText().equals("openat")) paths.add(TraceeText.bytes(r.get("args").get("filename").asText()));
        }
        assertTrue(paths.stream().anyMatch(p -> java.util.Arrays.equals(p, BAD_BYTES)), "not UTF-8: " + Files.readString(json));
        assertTrue(paths.stream().anyMatch(p -> java.util.Arrays.equals(p, UE_BYTES)), "UTF-8: " + Files.readString(json));
        if (hasJq()) {
            byte[] jq = run(List.of("jq", "-j", "select(.name==\"openat\") | .args.filename | select(. == \"\\u00fc\")", json.toString()));
            assertArrayEquals(UE_BYTES, jq, "jq finds the path by its text");
        }
    }

    static boolean hasJq() {
        return Files.isExecutable(Path.of("/usr/bin/jq"));
    }

    /** {@code sh -c script} in the temporary directory with $J the launcher; its standard output. */
    private byte[] sh(String script) throws Exception {
        return run(List.of("sh", "-c", script));
    }

    private byte[] run(List<String> command) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("stderr").toFile());
        b.environment().put("J", jstrace.toString());
        Process p = b.start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + command);
        }
        return out.toByteArray();
    }

    private static byte[] nulJoined(List<byte[]> words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] w : words) {
            out.writeBytes(w);
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return java.nio.ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
