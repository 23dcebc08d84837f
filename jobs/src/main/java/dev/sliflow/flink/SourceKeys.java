package dev.sliflow.flink;

import dev.sliflow.ingest.SourceId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The {@link SourceId} of every file of a batch ingest's inputs, worked out before the job (a first
 * line each): the job stamps each file's rows with it and the publish step replaces the contributions
 * of exactly these sources. Files are named as the tables name them ({@link LineFormat#fileName}).
 */
public final class SourceKeys {
    /** A first line longer than this is cut here (its start identifies the file all the same). */
    static final int MAX_LINE = SourceId.MAX_KEY_LINE;

    private SourceKeys() {}

    /** File name → source key, for every file the file source will read from {@code inputs}. */
    public static Map<String, Long> of(List<Path> inputs) throws IOException {
        Map<String, Long> keys = new LinkedHashMap<>();
        for (Path p : inputs) {
            for (Path f : InputFormats.files(List.of(p.makeQualified(p.getFileSystem())))) {
                String name = LineFormat.fileName(f);
                keys.put(name, keyOf(f.getFileSystem(), f, name));
            }
        }
        return keys;
    }

    private static long keyOf(FileSystem fs, Path p, String name) throws IOException {
        byte[] line;
        try {
            line = firstLine(fs, p);
        } catch (IOException e) {
            throw new IOException("input file " + name + ": cannot read its first line: " + e.getMessage()
                    + "; the published tables are unchanged", e);
        }
        return line == null ? SourceId.of(name) : SourceId.ofFirstLine(line);
    }

    /** The first line not starting with '#' (no terminator), or null when the file has none. */
    static byte[] firstLine(FileSystem fs, Path p) throws IOException {
        InflaterInputStreamFactory<?> inflater = StandardDeCompressors.getDecompressorForFileName(p.getName());
        try (InputStream raw = fs.open(p);
                InputStream in = new java.io.BufferedInputStream(inflater == null ? raw : inflater.create(raw))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean atStart = true;
            boolean comment = false;
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    byte[] l = line.toByteArray();
                    if (!comment && SourceId.isKeyLine(l, 0, l.length)) {
                        return l;
                    }
                    line.reset();
                    atStart = true;
                    comment = false;
                    continue;
                }
                if (atStart && b == '#') {
                    comment = true;
                }
                atStart = false;
                if (!comment) {
                    line.write(b);
                    if (line.size() > MAX_LINE) {
                        return line.toByteArray(); // SourceId keys by the first MAX_KEY_LINE bytes
                    }
                }
            }
            return !comment && line.size() > 0 ? line.toByteArray() : null;
        }
    }

}
