package io.jstrace.cli;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Validates parsed JSON against docs/jstrace.schema.json, for the keywords that schema
 * uses: type, required, properties, additionalProperties, items, enum, const, oneOf,
 * anyOf and local $ref. Returns null when valid, else what failed.
 */
final class SchemaCheck {
    private final Map<String, Object> root;

    SchemaCheck(Map<String, Object> root) {
        this.root = root;
    }

    String check(Object value, Map<String, Object> schema) {
        return check(value, schema, "$");
    }

    @SuppressWarnings("unchecked")
    private String check(Object v, Map<String, Object> s, String at) {
        if (s.containsKey("$ref")) {
            String[] path = ((String) s.get("$ref")).substring(2).split("/");
            Object target = root;
            for (String p : path) target = ((Map<String, Object>) target).get(p);
            return check(v, (Map<String, Object>) target, at);
        }
        if (s.containsKey("type") && !typeOk(v, s.get("type"))) return at + ": not " + s.get("type");
        if (s.containsKey("const") && !same(v, s.get("const"))) return at + ": not " + s.get("const");
        if (s.containsKey("enum") && ((List<Object>) s.get("enum")).stream().noneMatch(e -> same(v, e))) {
            return at + ": not one of " + s.get("enum");
        }
        if (v instanceof Map<?, ?> m) {
            String r = object((Map<String, Object>) m, s, at);
            if (r != null) return r;
        }
        if (v instanceof List<?> l && s.containsKey("items")) {
            for (int i = 0; i < l.size(); i++) {
                String r = check(l.get(i), (Map<String, Object>) s.get("items"), at + "[" + i + "]");
                if (r != null) return r;
            }
        }
        if (s.containsKey("anyOf")) {
            List<Map<String, Object>> options = (List<Map<String, Object>>) s.get("anyOf");
            if (options.stream().noneMatch(o -> check(v, o, at) == null)) return at + ": matches no anyOf branch";
        }
        if (s.containsKey("oneOf")) {
            List<Map<String, Object>> options = (List<Map<String, Object>>) s.get("oneOf");
            long n = options.stream().filter(o -> check(v, o, at) == null).count();
            if (n != 1) return at + ": matches " + n + " oneOf branches";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private String object(Map<String, Object> m, Map<String, Object> s, String at) {
        if (s.containsKey("required")) {
            for (Object k : (List<Object>) s.get("required")) {
                if (!m.containsKey(k)) return at + ": missing " + k;
            }
        }
        Map<String, Object> props = (Map<String, Object>) s.getOrDefault("properties", Map.of());
        for (var e : m.entrySet()) {
            Object sub = props.containsKey(e.getKey()) ? props.get(e.getKey()) : s.get("additionalProperties");
            if (sub instanceof Map<?, ?> subSchema) {
                String r = check(e.getValue(), (Map<String, Object>) subSchema, at + "." + e.getKey());
                if (r != null) return r;
            }
        }
        return null;
    }

    /** One type's name, or a list of them (any may match). */
    private static boolean typeOk(Object v, Object type) {
        if (type instanceof List<?> types) return types.stream().anyMatch(t -> typeOk(v, t));
        return switch ((String) type) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "boolean" -> v instanceof Boolean;
            case "null" -> v == null;
            case "integer" -> v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0;
            case "number" -> v instanceof BigDecimal;
            default -> false;
        };
    }

    private static boolean same(Object v, Object expected) {
        if (v instanceof BigDecimal a && expected instanceof BigDecimal b) return a.compareTo(b) == 0;
        return v == null ? expected == null : v.equals(expected);
    }
}
