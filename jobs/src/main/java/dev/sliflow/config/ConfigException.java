package dev.sliflow.config;

/**
 * A configuration file is wrong. The message always names the file, the line and the field, so
 * that a user can fix it without reading code: {@code journeys.yaml:12: journeys[2].match.path: ...}.
 */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final int line;
    private final String field;

    public ConfigException(String file, int line, String field, String problem) {
        super(file + ":" + line + ": " + field + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
