package io.jstrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jstrace.core.TraceOptions;
import io.jstrace.core.TraceSession;
import io.jstrace.format.DecodeOptions;
import io.jstrace.format.JsonPrinter;
import io.jstrace.format.StraceText;
import io.jstrace.format.TextPrinter;
import io.jstrace.format.Timing;
import io.jstrace.testdata.TestPrograms;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * --json: every line validates against docs/jstrace.schema.json, and for
 * each syscall the JSON and the text (rendered in the same run from the same values)
 * agree on thread, name, result and errno.
 */
@EnabledIf("io.jstrace.testdata.TestPrograms#ptracePermitted")
class JsonOutputTest {
    private static final Set<String> TYPES = Set.of("syscall", "signal", "stop", "exit", "killed", "child", "exec",
            "detach");
    private static final Pattern TEXT = Pattern.compile(
            "^(\\d+) +(?:<\\.\\.\\. (\\w+) resumed>.*|(\\w+)\\(.*?)(?:\\) += (\\S+)(?: ([A-Z]\\S*) \\(.*\\)| \\(.*\\))?)$");

    static Stream<String> programs() {
        return TestPrograms.registry().stream().map(TestPrograms.Row::name);
    }

    @org.junit.jupiter.api.Test
    @SuppressWarnings("unchecked")
    void theSchemaRejectsWhatIsWrong() throws Exception {
        Map<String, Object> schema = (Map<String, Object>) MiniJson.parse(
                java.nio.file.Files.readString(java.nio.file.Path.of("../docs/jstrace.schema.json")));
        SchemaCheck v = new SchemaCheck(schema);
        String good = "{\"type\":\"exit\",\"pid\":1,\"tid\":1,\"ts\":5,\"status\":0}";
        assertEquals(null, v.check(MiniJson.parse(good), schema));
        for (String bad : List.of(
                "{\"type\":\"exit\",\"pid\":1,\"tid\":1,\"ts\":5}",
                "{\"type\":\"bogus\",\"pid\":1,\"tid\":1,\"ts\":5}",
                "{\"type\":\"exit\",\"pid\":\"1\",\"tid\":1,\"ts\":5,\"status\":0}",
                "{\"type\":\"syscall\",\"pid\":1,\"tid\":1,\"ts\":5,\"id\":1,\"nr\":0,\"name\":\"read\","
                        + "\"args\":{\"fd\":true},\"returned\":true,\"interrupted\":false}")) {
            assertTrue(v.check(MiniJson.parse(bad), schema) != null, "accepted: " + bad);
        }
    }

    @ParameterizedTest
    @MethodSource("programs")
    @SuppressWarnings("unchecked")
    void jsonAndTextAgree(String name) throws Exception {
        var prog = TestPrograms.compile(name);
        StringWriter text = new StringWriter();
        StringWriter json = new StringWriter();
        DecodeOptions decode = DecodeOptions.defaults();
        TextPrinter.Options o = new TextPrinter.Options(decode, StraceText.Escape.OCTAL, true, true, 40, s -> true,
                Timing.none(), Set.of(TextPrinter.Status.SUCCESSFUL, TextPrinter.Status.FAILED), Set.of(), false);
        try (TraceSession s = TraceSession.launch(List.of(prog.toString()), TraceOptions.defaults().withFollowForks(true))) {
            s.addListener(new TextPrinter(text, o, 1));
            s.addListener(new JsonPrinter(json, decode, sig -> true, null));
            s.start();
        }
        List<String[]> fromText = new ArrayList<>();
        for (String line : text.toString().split("\n")) {
            Matcher m = TEXT.matcher(line);
            if (m.matches()) fromText.add(new String[] {m.group(1), m.group(3), m.group(4), m.group(5)});
        }
        Map<String, Object> schema = (Map<String, Object>) MiniJson.parse(
                java.nio.file.Files.readString(java.nio.file.Path.of("../docs/jstrace.schema.json")));
        SchemaCheck validator = new SchemaCheck(schema);
        List<String[]> fromJson = new ArrayList<>();
        for (String line : json.toString().split("\n")) {
            Map<String, Object> r = (Map<String, Object>) MiniJson.parse(line);
            String invalid = validator.check(r, schema);
            assertTrue(invalid == null, invalid + " in " + line);
            assertTrue(TYPES.contains(r.get("type")), line);
            for (String field : List.of("pid", "tid", "ts")) assertTrue(r.get(field) instanceof Number, field + ": " + line);
            if (!r.get("type").equals("syscall") || !Boolean.TRUE.equals(r.get("returned"))) continue;
            assertTrue(r.get("args") instanceof Map && r.get("id") instanceof Number, line);
            String ret = r.get("errno") != null ? "-1" : r.get("ret").toString();
            fromJson.add(new String[] {r.get("tid").toString(), (String) r.get("name"), ret, (String) r.get("errno")});
        }
        assertTrue(fromJson.size() > 10, "too few syscalls: " + fromJson.size());
        assertEquals(fromJson.size(), fromText.size(), text.toString());
        for (int k = 0; k < fromJson.size(); k++) {
            String[] j = fromJson.get(k);
            String[] t = fromText.get(k);
            assertEquals(j[0], t[0], "tid of syscall " + k);
            assertEquals(j[1], t[1], "name of syscall " + k);
            boolean decimal = !t[2].equals("?") && !t[2].startsWith("0x") && !(t[2].startsWith("0") && t[2].length() > 1);
            if (decimal) assertEquals(j[2], t[2], "result of " + j[1]);
            // strace's RVAL_PRINT_ERR_VAL, a value and the error it stands for (modify_ldt's
            // 32-bit errors: 4294967282 EFAULT): the kernel reported no error, and JSON keeps the value.
            boolean valueWithError = decimal && !t[2].equals("-1");
            if (t[3] != null && !valueWithError) assertEquals(j[3], t[3], "errno of " + j[1]);
        }
    }
}
