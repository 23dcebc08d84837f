package dev.sliflow.parse;

/**
 * The parser of a file whose format {@code --format auto} could not tell ({@link FormatDetector} found none that
 * fits): every line is rejected as {@link RejectReason#UNKNOWN_FORMAT}, so none is read as a format it is not
 * (read as nginx, a file's numbers would make plausible latencies, or every line a misleading reject reason).
 * Its format is {@link LogFormat#AUTO}: the audit says the file's format was not detected.
 */
public final class UnknownFormatParser implements LineParser {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean parse(String line, ParseResult out) {
        out.reset();
        return out.reject(RejectReason.UNKNOWN_FORMAT, "no known log format fits this file's first lines: declare it"
                + " with --format");
    }

    @Override
    public LogFormat format() {
        return LogFormat.AUTO;
    }
}
