package io.jstrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The JSON schemas in docs/, checked by a JSON-Schema library. */
final class Schemas {
    static final ObjectMapper JSON = new ObjectMapper();

    private Schemas() {}

    /** docs/NAME, e.g. {@code jstrace.schema.json}. */
    static JsonSchema of(String name) {
        try {
            JsonNode schema = JSON.readTree(Files.readString(Path.of("../docs", name)));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code line} under {@code schema}: {@code null} when it validates. */
    static String errors(JsonSchema schema, String line) {
        try {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(line));
            return errors.isEmpty() ? null : errors.toString();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** A JSON document parsed. */
    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
