package dev.sliflow.parse;

/**
 * The stable, lower_snake_case reason codes with which parsers reject a line
 * ({@link ParseResult#reasonCode()}). Analysts group rejected lines by these codes, so they never change.
 */
public final class RejectReason {
    /** The line is null, empty or only whitespace. */
    public static final String EMPTY_LINE = "empty_line";
    /** The line does not have the shape of an access-log line of the format (error log, other format, junk). */
    public static final String NOT_AN_ACCESS_LINE = "not_an_access_line";
    /** The timestamp is missing, malformed or out of range. */
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    /** The request line is not "METHOD PATH PROTOCOL" (e.g. a TLS handshake sent to a plain-HTTP port). */
    public static final String BAD_REQUEST_LINE = "bad_request_line";
    /** The status is missing, not an integer, or outside 100..599. */
    public static final String BAD_STATUS = "bad_status";
    /** The latency is non-numeric, negative, NaN or longer than a day. */
    public static final String BAD_LATENCY = "bad_latency";
    /** The line is longer than the configured maximum. */
    public static final String LINE_TOO_LONG = "line_too_long";
    /** A JSON line is not valid JSON. */
    public static final String BAD_JSON = "bad_json";
    /**
     * The file's first lines fit no known format ({@code --format auto}, a file that lands in a stream; a batch
     * refuses such files before its job): its lines are not read as any format's, so no field is guessed.
     */
    public static final String UNKNOWN_FORMAT = "unknown_format";
    /** Safety net: the parser hit an unexpected runtime exception (a bug; should never be seen). */
    public static final String PARSER_ERROR = "parser_error";

    private RejectReason() {}
}
