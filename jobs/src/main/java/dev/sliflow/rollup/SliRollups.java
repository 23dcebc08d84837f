package dev.sliflow.rollup;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.table.ParquetTables;
import dev.sliflow.table.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetInputFile;

/**
 * {@code sli_hour} and {@code sli_day} from {@code sli_minute}: the rollup itself ({@link #rollup},
 * plain Java) and the step an ingest runs once the minute partitions of its dates are final
 * ({@link #write}): it reads them back — a date's rollups need all of that date's minutes, which only
 * exist together once the job has finished (and, with incremental ingest, once earlier runs' data of
 * the date is merged in) — and writes a partition of each rollup table per date.
 */
public final class SliRollups {
    /** Rollup tables, as published next to {@code sli_minute}. */
    public static final List<String> TABLES = List.of(SliHourRow.SCHEMA.name(), SliDayRow.SCHEMA.name());

    /**
     * Dates rolled up at once: the machine an ingest runs on has 2 cores or more, and the dates are
     * independent (each reads its own files and writes its own two).
     */
    static final int THREADS = 2;

    private SliRollups() {}

    /** The rollups of minute rows into {@code period}'s buckets, by journey, region and bucket start. */
    public static List<SliRollup> rollup(Iterable<SliMinuteRow> minutes, RollupPeriod period) {
        Map<Key, SliRollup> m = new HashMap<>();
        for (SliMinuteRow r : minutes) {
            add(m, period, r);
        }
        return sorted(m.values());
    }

    /** Finer rollups (hours) merged into {@code coarser} buckets (days): equals rolling up their minutes. */
    public static List<SliRollup> coarsen(Iterable<SliRollup> finer, RollupPeriod coarser) {
        Map<Key, SliRollup> m = new HashMap<>();
        for (SliRollup r : finer) {
            SliRollup c = r.into(coarser);
            m.merge(new Key(c.journey(), c.region(), c.start()), c, SliRollup::merge);
        }
        return sorted(m.values());
    }

    private static void add(Map<Key, SliRollup> m, RollupPeriod period, SliMinuteRow r) {
        Key k = new Key(r.journey, r.region, period.start(r.minute));
        SliRollup acc = m.get(k);
        if (acc == null) {
            m.put(k, SliRollup.of(period, r));
        } else {
            acc.add(r);
        }
    }

    private static List<SliRollup> sorted(Collection<SliRollup> rollups) {
        List<SliRollup> out = new ArrayList<>(rollups);
        out.sort(Comparator.comparing(SliRollup::journey).thenComparing(SliRollup::region)
                .thenComparingLong(SliRollup::start));
        return out;
    }

    private record Key(String journey, String region, long start) {}

    /** What {@link #write} did. */
    public record Written(int dates, long minuteRows, long hourRows, long dayRows) {}

    /**
     * For each date D: reads every visible Parquet file of {@code sliMinuteDatesRoot/dt=D} (the final
     * {@code sli_minute} partition of D: published or staged), and writes {@code
     * staging/sli_hour/dt=D} and {@code staging/sli_day/dt=D}. A date without minute rows gets no
     * rollup partition (publishing then removes an old one, as it does for {@code sli_minute}).
     *
     * @throws IOException when a minute file cannot be read, or holds a row of another date
     *     (rollups of it would be wrong): nothing of the run should be published then
     */
    public static Written write(Path sliMinuteDatesRoot, Path staging, Set<String> dates) throws IOException {
        List<String> todo = new ArrayList<>(new TreeSet<>(dates));
        if (todo.size() <= 1) {
            Written w = new Written(0, 0, 0, 0);
            for (String d : todo) {
                w = sum(w, writeDate(sliMinuteDatesRoot, staging, d));
            }
            return w;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, todo.size()), r -> {
            Thread t = new Thread(r, "sliflow-rollup");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Written>> parts = new ArrayList<>();
            for (String d : todo) {
                parts.add(pool.submit(() -> writeDate(sliMinuteDatesRoot, staging, d)));
            }
            Written w = new Written(0, 0, 0, 0);
            for (Future<Written> f : parts) {
                w = sum(w, f.get());
            }
            return w;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rolling up sli_minute", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException("rollup of sli_minute failed: " + c.getMessage(), c);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Written sum(Written a, Written b) {
        return new Written(a.dates() + b.dates(), a.minuteRows() + b.minuteRows(), a.hourRows() + b.hourRows(),
                a.dayRows() + b.dayRows());
    }

    /** Rolls up one date's minute files; see {@link #write}. */
    static Written writeDate(Path minutesRoot, Path staging, String dt) throws IOException {
        long dayStart = LocalDate.parse(dt).toEpochDay() * RollupPeriod.DAY.millis();
        Path dir = new Path(minutesRoot, "dt=" + dt);
        FileSystem fs = dir.getFileSystem();
        if (!fs.exists(dir)) {
            return new Written(0, 0, 0, 0);
        }
        Map<Key, SliRollup> hours = new HashMap<>();
        long[] minutes = {0};
        for (FileStatus st : fs.listStatus(dir)) {
            String name = st.getPath().getName();
            if (st.isDir() || name.startsWith(".") || name.startsWith("_")) {
                continue; // readers skip hidden files (in-progress parts, markers)
            }
            try (FSDataInputStream in = fs.open(st.getPath())) {
                SliMinuteReader.read(new ParquetInputFile(in, st.getLen()), st.getPath().toString(), r -> {
                    if (r.minute < dayStart || r.minute >= dayStart + RollupPeriod.DAY.millis()) {
                        throw new UncheckedIOException(new IOException(st.getPath() + " holds a minute of "
                                + java.time.Instant.ofEpochMilli(r.minute) + " in the partition of " + dt));
                    }
                    minutes[0]++;
                    add(hours, RollupPeriod.HOUR, r);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException("cannot roll up " + st.getPath() + ": " + e.getMessage(), e);
            }
        }
        List<SliRollup> hourRollups = sorted(hours.values());
        List<SliRollup> dayRollups = coarsen(hourRollups, RollupPeriod.DAY);
        writePartition(staging, SliHourRow.SCHEMA, dt, hourRollups, SliHourRow::of);
        writePartition(staging, SliDayRow.SCHEMA, dt, dayRollups, SliDayRow::of);
        return new Written(hourRollups.isEmpty() ? 0 : 1, minutes[0], hourRollups.size(), dayRollups.size());
    }

    private static <T> void writePartition(Path staging, TableSchema<T> schema, String dt, List<SliRollup> rollups,
            Function<SliRollup, T> row) throws IOException {
        if (rollups.isEmpty()) {
            return;
        }
        Path file = new Path(new Path(new Path(staging, schema.name()), "dt=" + dt), "part-rollup-0.parquet");
        FileSystem fs = file.getFileSystem();
        try (FSDataOutputStream out = fs.create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<T> w = ParquetTables.writerFactory(schema).create(out);
            for (SliRollup r : rollups) {
                w.addElement(row.apply(r));
            }
            w.finish(); // the row group and the footer; the stream is closed here
        }
    }
}
