package dev.sliflow.parse;

import java.io.Serializable;

/**
 * A log format as users write it, on the command line ({@code --format}) or in the catalog ({@code formats:}):
 * a name ({@code auto}, {@code nginx}, {@code w3c}, …), a declared layout ({@code nginx:<log_format>},
 * {@code apache:<LogFormat>}) or a JSON field mapping ({@code json:time=…,method=…,…}).
 *
 * @param format the format ({@link LogFormat#DECLARED} for a declared layout)
 * @param options the parser options it needs (its declared layout or JSON mapping), else the defaults
 * @param text the specification as written, for messages and the audit
 */
public record FormatSpec(LogFormat format, ParserOptions options, String text) implements Serializable {

    /**
     * Reads a specification.
     *
     * @param latencyField for a declared layout: the field that is the latency (null: the documented default)
     * @throws IllegalArgumentException naming what is wrong, for the caller to prefix with where it was written
     */
    public static FormatSpec parse(String spec, String latencyField) {
        String s = spec.strip();
        if (DeclaredFormat.isDeclaration(s)) {
            return new FormatSpec(LogFormat.DECLARED, ParserOptions.defaults().withDeclared(DeclaredFormat.parse(s, latencyField)), s);
        }
        if (latencyField != null) {
            throw new IllegalArgumentException("a latency field needs a declared format ('nginx:...' or 'apache:...')");
        }
        if (s.startsWith("json:")) { // JSON lines with the user's field mapping instead of the presets
            return new FormatSpec(LogFormat.JSON, ParserOptions.defaults().withJsonMapping(JsonFieldMapping.declared(s.substring(5))), s);
        }
        return new FormatSpec(LogFormat.parse(s), ParserOptions.defaults(), s);
    }

    /** These options with the run's maximum line length. */
    public ParserOptions options(int maxLineLength) {
        return options.withMaxLineLength(maxLineLength);
    }
}
