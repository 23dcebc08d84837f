package dev.sliflow.ingest;

import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParserOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Start-up warm-up of the per-line code: while the embedded Flink cluster starts (a second or
 * two in which one of the cores is mostly idle), a background thread reads the first lines of the
 * run's first input file through an {@link IngestCore} of the run's own catalog and format whose
 * output is thrown away. The JIT then has the line reader, the parser's fast path, journey
 * matching and the sketch compiled, with the run's real type profiles, before the readers start;
 * without it each reader spends its first file partly in the interpreter (the first file of a
 * reader took ~2.3 s where later ones took ~0.9 s). Its first lines are also read cut in two, head
 * and tail, through a second core, so that the compiled parser has its branches for malformed lines
 * ({@link #CUT_LINES}). Nothing it does reaches any output.
 *
 * <p>It stops after {@code maxLines}, at the end of the file, or as soon as {@link #stop()} is
 * called (the job's readers call it when they open, so it never competes with them for the CPU);
 * any error just ends it. Only plain and {@code .gz} files are read; for others it does nothing.
 */
public final class Warmup {
    /** The stop flags of the warm-ups running in this JVM. */
    private static final Set<AtomicBoolean> RUNNING = ConcurrentHashMap.newKeySet();

    private Warmup() {}

    /** Ends the warm-ups running in this JVM (a job's readers call it when they open); cheap. */
    public static void stop() {
        for (AtomicBoolean b : RUNNING) {
            b.set(true);
        }
    }

    /** Warm-ups running now (for tests). */
    static int running() {
        return RUNNING.size();
    }

    /** Whether {@link #run} reads {@code file}: a regular plain or {@code .gz} file. */
    public static boolean readable(Path file) {
        return file != null && Files.isRegularFile(file) && (plain(file) || gzip(file));
    }

    /**
     * Starts the warm-up in a daemon thread and returns it; null when {@code file} is not
     * {@link #readable}. With {@code SLIFLOW_DEBUG} set it reports what it did on stderr.
     */
    public static Thread start(JourneyCatalog catalog, LogFormat format, ParserOptions options, DateRange range,
            int maxLineLength, Path file, long maxLines) {
        if (!readable(file)) {
            return null;
        }
        AtomicBoolean stopped = new AtomicBoolean();
        RUNNING.add(stopped);
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                long n = run(catalog, format, options, range, maxLineLength, file, maxLines, MAX_BYTES, stopped::get,
                        p -> {});
                if (System.getenv("SLIFLOW_DEBUG") != null) {
                    System.err.printf("sliflow: warm-up read %,d lines in %d ms%s%n", n, (System.nanoTime() - t0) / 1_000_000,
                            stopped.get() ? " (stopped when the job's readers opened)" : "");
                }
            } finally {
                RUNNING.remove(stopped);
            }
        }, "sliflow-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Reads up to {@code maxLines} lines of {@code file} (fewer once {@code stop} says so; it is asked
     * before every line) through a core whose partials go to {@code partials} and whose other output
     * is dropped; returns how many lines it read. Runs in the caller's thread.
     */
    public static long run(JourneyCatalog catalog, LogFormat format, DateRange range, int maxLineLength, Path file,
            long maxLines, BooleanSupplier stop, Consumer<SliPartial> partials) {
        return run(catalog, format, ParserOptions.defaults(), range, maxLineLength, file, maxLines, MAX_BYTES, stop,
                partials);
    }

    /** {@link #run} with the parsers' settings (a declared layout among them), reading at most {@code maxBytes} of the file's (decompressed) text. */
    static long run(JourneyCatalog catalog, LogFormat format, ParserOptions options, DateRange range, int maxLineLength,
            Path file, long maxLines, long maxBytes, BooleanSupplier stop, Consumer<SliPartial> partials) {
        IngestCore core = new IngestCore(catalog, format, range, maxLineLength, dropping(partials)).parserOptions(options);
        // the cut lines go through a core of their own, so that the partials are those of the file's lines
        IngestCore cuts = new IngestCore(catalog, format, range, maxLineLength, dropping(p -> {})).parserOptions(options);
        String name = file.toString();
        long lines = 0;
        try (InputStream raw = Files.newInputStream(file);
                Utf8LineReader in = new Utf8LineReader(
                        new BoundedInputStream(gzip(file) ? Gunzip.open(raw) : raw, maxBytes), 1 << 20)) {
            while (lines < maxLines && !stop.getAsBoolean() && in.nextLine()) {
                lines++;
                byte[] buf = in.buffer();
                int start = in.lineStart();
                int end = in.lineEnd();
                core.line(name, 0L, lines, buf, start, end);
                if (lines <= CUT_LINES && end > start) {
                    int cut = cutLength(lines, end - start);
                    cuts.line(name, 0L, lines, buf, start, start + cut); // its head (a cut line)
                    cuts.line(name, 0L, lines, buf, start + cut, end); // and its tail (a line missing its start)
                }
            }
            core.finishAll();
        } catch (IOException | RuntimeException e) {
            // a warm-up only: the job reads (and reports on) the file itself
        }
        return lines;
    }

    /**
     * Where the warm-up cuts its {@code lineNo}-th line of {@code length} bytes: a length in
     * {@code [0, length)} that moves from line to line, through every position of a length that is
     * not a multiple of 61 within that many lines.
     */
    static int cutLength(long lineNo, int length) {
        return (int) ((lineNo * 61) % length);
    }

    /** An emitter that hands the partials on and drops the rest. */
    private static IngestCore.Emitter dropping(Consumer<SliPartial> partials) {
        return new IngestCore.Emitter() {
            @Override
            public void partial(SliPartial p) {
                partials.accept(p);
            }

            @Override
            public void reject(RejectRow reject) {}

            @Override
            public void audit(AuditRow audit) {}

            @Override
            public void unmatched(UnmatchedRow row) {}

            @Override
            public void late(LateRow late) {}
        };
    }

    /**
     * For its first this many lines the warm-up also reads each one cut in two (at a position that
     * moves from line to line), head and tail: the parser's branches for cut and malformed lines are
     * then in the profile the JIT compiles the parser with. Without them the compiled parser met them
     * only in the job, where each first one sent it back to the interpreter and to the compiler: the
     * nginx fast path was compiled 8 times in a 10 M-line run, 3 of them after the readers had started.
     */
    static final long CUT_LINES = Long.getLong("sliflow.warmup.cuts", 4096);

    /**
     * Decompressed bytes a warm-up reads at most: ~400 k lines of a typical access log (~210 bytes
     * each), and a bound on the line buffer (at most twice this) for a file of enormous lines.
     */
    static final long MAX_BYTES = 96L << 20;

    private static boolean gzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    private static boolean plain(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return !ext.matches("bz2|xz|zst|deflate|zip|gz");
    }
}
