package io.jstrace.view.term;

/** The formats a recording is written in (asciinema 3's names for the asciicast ones). */
public enum Format {
    /** The seed's trace JSON: {@code {"metadata":{...},"events":[...]}}, data in base64, every event kept. */
    TRACE("trace"),
    /** asciicast v2: NDJSON, absolute times; readable by asciinema 2.2. */
    ASCIICAST_V2("asciicast-v2"),
    /** asciicast v3: NDJSON, intervals, exit status. */
    ASCIICAST_V3("asciicast-v3");

    private final String label;

    Format(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The format named {@code s} ({@code trace}, {@code asciicast-v2}, {@code v2}, ...), or {@code null}. */
    public static Format named(String s) {
        for (Format f : values()) if (f.label.equals(s)) return f;
        return switch (s) {
            case "v2", "asciicast2" -> ASCIICAST_V2;
            case "v3", "asciicast3", "asciicast" -> ASCIICAST_V3;
            case "json" -> TRACE;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
