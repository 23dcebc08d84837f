package dev.sliflow.flink;

import java.io.IOException;

/**
 * An input file could not be read to its end: it vanished before it was opened, is not a regular
 * file, could not be opened, failed while being read, ends in the middle of its compressed data, or
 * shrank while being read. The message names the file and the problem; the run fails with it (see
 * jobs/OPERATIONS.md): finishing without the rest of the file would publish partitions that silently
 * miss lines.
 */
public final class InputFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public InputFileException(String file, String problem, Throwable cause) {
        super("input file " + file + ": " + problem, cause);
    }
}
