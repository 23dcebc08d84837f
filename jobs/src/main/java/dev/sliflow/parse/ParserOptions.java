package dev.sliflow.parse;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Settings for {@link Parsers#forFormat}: maximum line length, the zone of HAProxy's zone-less accept
 * date, the JSON field mapping, and the layout of {@link LogFormat#DECLARED}. Immutable; use the {@code with...} methods.
 */
public final class ParserOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxLineLength;
    private final ZoneId haproxyZone;
    private final JsonFieldMapping jsonMapping;
    private final DeclaredFormat declared;

    private ParserOptions(int maxLineLength, ZoneId haproxyZone, JsonFieldMapping jsonMapping, DeclaredFormat declared) {
        if (maxLineLength <= 0) {
            throw new IllegalArgumentException("maxLineLength must be positive");
        }
        this.maxLineLength = maxLineLength;
        this.haproxyZone = Objects.requireNonNull(haproxyZone);
        this.jsonMapping = Objects.requireNonNull(jsonMapping);
        this.declared = declared;
    }

    /** 64 KiB lines, HAProxy dates in UTC, JSON preset auto-detection. */
    public static ParserOptions defaults() {
        return new ParserOptions(AbstractLineParser.DEFAULT_MAX_LINE_LENGTH, ZoneOffset.UTC, JsonFieldMapping.auto(), null);
    }

    public ParserOptions withMaxLineLength(int max) {
        return new ParserOptions(max, haproxyZone, jsonMapping, declared);
    }

    public ParserOptions withHaproxyZone(ZoneId zone) {
        return new ParserOptions(maxLineLength, zone, jsonMapping, declared);
    }

    public ParserOptions withJsonMapping(JsonFieldMapping mapping) {
        return new ParserOptions(maxLineLength, haproxyZone, mapping, declared);
    }

    /** The layout {@link LogFormat#DECLARED} reads. */
    public ParserOptions withDeclared(DeclaredFormat format) {
        return new ParserOptions(maxLineLength, haproxyZone, jsonMapping, Objects.requireNonNull(format));
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    public ZoneId haproxyZone() {
        return haproxyZone;
    }

    public JsonFieldMapping jsonMapping() {
        return jsonMapping;
    }

    /** The declared layout, or null when none was declared. */
    public DeclaredFormat declared() {
        return declared;
    }
}
