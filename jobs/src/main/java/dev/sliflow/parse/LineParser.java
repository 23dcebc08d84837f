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

    LogFormat format();
}
