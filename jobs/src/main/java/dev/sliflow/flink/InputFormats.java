package dev.sliflow.flink;

import dev.sliflow.ingest.BoundedInputStream;
import dev.sliflow.parse.FormatDetector;
import dev.sliflow.parse.ParserOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A batch ingest with {@code --format auto} checks, before its job, that every input file's first lines fit a
 * known format ({@link FormatDetector}): a file that fits none (a TSV of metrics left in the log folder, a format
 * sliflow does not read) or whose fit would mean guessing a latency stops the run with a message naming the
 * file, the formats tried with how many sample lines each parsed, and how to declare one; with
 * {@code --skip-unknown-files} such files are left out and listed instead. Reading ~50 lines a file costs
 * little beside the job, and a run never writes plausible numbers from a misread file.
 */
public final class InputFormats {
    private InputFormats() {}

    /** A file no format fits, and what detection saw in it. */
    public record Unknown(Path file, FormatDetector.Detection detection) {
        /** One line: the file, why, and what was tried. */
        public String describe() {
            FormatDetector.Detection d = detection;
            String why = d.refusal() != null ? d.refusal()
                    : d.sampleLines() == 0 ? "it has no non-empty line"
                    : "no known log format fits its first " + d.sampleLines() + " non-empty lines";
            return LineFormat.fileName(file) + ": " + why + (d.sampleLines() == 0 ? "" : " (lines parsed: " + d.tried() + ")");
        }
    }

    /** The regular files of the input paths as the file source reads them (folders recursively, hidden skipped). */
    public static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            add(p, files);
        }
        return files;
    }

    private static void add(Path p, List<Path> files) throws IOException {
        FileSystem fs = p.getFileSystem();
        if (!fs.exists(p)) {
            return;
        }
        if (!fs.getFileStatus(p).isDir()) {
            files.add(p);
            return;
        }
        for (FileStatus c : fs.listStatus(p)) {
            String n = c.getPath().getName();
            if (!n.startsWith(".") && !n.startsWith("_")) {
                add(c.getPath(), files);
            }
        }
    }

    /** The files among {@code files} whose first lines fit no format (in their order). */
    public static List<Unknown> unknown(List<Path> files, ParserOptions options) throws IOException {
        List<Unknown> unknown = new ArrayList<>();
        for (Path f : files) {
            List<String> lines;
            try {
                lines = firstLines(f, FormatDetector.MAX_LINES);
            } catch (IOException e) {
                throw new IOException("input file " + LineFormat.fileName(f) + ": cannot read its first line: "
                        + e.getMessage() + "; the published tables are unchanged", e);
            }
            FormatDetector.Detection d = FormatDetector.examine(lines, options);
            if (d.format() == null) {
                unknown.add(new Unknown(f, d));
            }
        }
        return unknown;
    }

    /** The message of a run stopped by unknown files: each named (the first ten), and the ways out. */
    public static String refusal(List<Unknown> unknown) {
        StringBuilder b = new StringBuilder();
        b.append(unknown.size()).append(unknown.size() == 1 ? " input file is" : " input files are")
                .append(" in no log format sliflow recognises, so nothing was ingested:");
        for (int i = 0; i < Math.min(10, unknown.size()); i++) {
            b.append("\n  ").append(unknown.get(i).describe());
        }
        if (unknown.size() > 10) {
            b.append("\n  ... and ").append(unknown.size() - 10).append(" more");
        }
        b.append("\nDeclare the format with --format (nginx, apache, alb, envoy, haproxy, traefik, json), or leave such files out"
                + " with --skip-unknown-files.");
        return b.toString();
    }

    /** Decompressed bytes read at most per file: a file with no line ends (not a log) costs no more. */
    static final long MAX_BYTES = 4L << 20;

    /** Up to {@code max} non-empty lines from the start of {@code p}, decompressed as the file source does. */
    static List<String> firstLines(Path p, int max) throws IOException {
        FileSystem fs = p.getFileSystem();
        InflaterInputStreamFactory<?> inflater = StandardDeCompressors.getDecompressorForFileName(p.getName());
        List<String> lines = new ArrayList<>();
        try (InputStream raw = fs.open(p);
                BufferedReader in = new BufferedReader(new InputStreamReader(
                        new BoundedInputStream(inflater == null ? raw : inflater.create(raw), MAX_BYTES),
                        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            String l;
            while (lines.size() < max && (l = in.readLine()) != null) {
                if (!l.isBlank()) {
                    lines.add(l.length() > 65_536 ? l.substring(0, 65_536) : l);
                }
            }
        }
        return lines;
    }
}
