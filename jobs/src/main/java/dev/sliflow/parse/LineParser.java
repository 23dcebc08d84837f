package dev.sliflow.parse;

import java.io.Serializable;

/**
 * Parses one access-log line of a given format. Implementations hold configuration and may hold a
 * cache that only makes them faster, never changes a result (the nginx and Apache parsers remember the
 * last timestamp's minute): use an instance from one thread at a time (each ingest subtask and each
 * file gets its own, from {@link Parsers#forFormat}).
 *
 * <p>Contract: {@link #parse} never throws on any input (null, empty, binary, 10 MB long); it
 * returns {@code true} with the fields of {@code out} set, or {@code false} with
 * {@link ParseResult#reasonCode()} set.
 */
public interface LineParser extends Serializable {
    boolean parse(String line, ParseResult out);

    /**
     * A fast path for a line given as UTF-8 bytes {@code b[from, to)} (no terminator): true when it
     * was parsed and accepted exactly as {@link #parse} would accept the decoded line, with the same
     * fields in {@code out}; false when the caller must decode the line and call {@link #parse}
     * (a format without a byte path, or a line that is not the plain shape it reads, rejected
     * lines among them). Never throws.
     */
    default boolean parsePlain(byte[] b, int from, int to, ParseResult out) {
        return false;
    }

    LogFormat format();
}
