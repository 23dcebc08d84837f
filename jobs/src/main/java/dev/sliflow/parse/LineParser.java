package dev.sliflow.parse;

import java.io.Serializable;

/**
 * Parses one access-log line of a given format. Implementations are stateless (or hold only
 * immutable configuration), thread-confined use is not required.
 *
 * <p>Contract: {@link #parse} never throws on any input (null, empty, binary, 10 MB long); it
 * returns {@code true} with the fields of {@code out} set, or {@code false} with
 * {@link ParseResult#reasonCode()} set.
 */
public interface LineParser extends Serializable {
    boolean parse(String line, ParseResult out);

    LogFormat format();
}
