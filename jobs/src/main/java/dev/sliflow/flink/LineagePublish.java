package dev.sliflow.flink;

import dev.sliflow.ingest.DateRange;
import dev.sliflow.ingest.MinuteRowMerger;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SourceId;
import dev.sliflow.table.ParquetFiles;
import dev.sliflow.rollup.SliRollup;
import dev.sliflow.rollup.SliRollups;
import dev.sliflow.rollup.RollupPeriod;
import dev.sliflow.rollup.SliDayRow;
import dev.sliflow.rollup.SliHourRow;
import dev.sliflow.table.ParquetTables;
import dev.sliflow.table.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.example.data.Group;

/**
 * Makes a batch ingest incremental: turns the job's staging folder into the final partitions of
 * every date the run touches, merged with what earlier runs ingested from <em>other</em> files.
 *
 * <p><b>Lineage.</b> {@code out/.lineage/dt=<date>/src=<source>/} holds what one input file (a
 * source, {@link SourceId}: its path) contributed to one date: {@code sli_minute/} (its own minute
 * rows, counts and sketches) and {@code SOURCE} (its path). The date's published sli_minute is the
 * merge of its sources' rows ({@link MinuteRowMerger}); ingest_audit, rejects and unmatched_paths
 * have a {@code file} column, so their partitions are the union of their sources' rows. Hence:
 * <ul>
 *   <li>a run over files F replaces, for every date it touches, exactly the contributions of F and
 *       keeps every other file's; re-ingesting a file replaces its contribution only;</li>
 *   <li>the dates a run touches are those its files have lines on now, and those they contributed
 *       to before (a changed file that no longer reaches a date leaves it);</li>
 *   <li>with {@code --from/--to}, only dates in the range are touched: the files' contributions to
 *       other dates stay as they were;</li>
 *   <li>a file that disappears keeps its contribution (logrotate deletes old files; their history
 *       stays); the tables of N runs over files one at a time, in any order, equal one run over all.</li>
 * </ul>
 *
 * <p>The staging folder the job wrote has sli_minute (sli_hour, sli_day) rows per source and the
 * rows of several sources merged where they share a key ({@code dt=D/src=S/}, {@code dt=D/lin=S/},
 * {@code dt=D/}: {@link dev.sliflow.ingest.SourceId#stagingPath}), so a run's own files are never read
 * back; rows are merged here only with other runs' files. After {@link #prepare} it holds, for every touched date,
 * the final {@code <table>/dt=D} of each ingest table and the date's whole lineage
 * {@code .lineage/dt=D}, ready for {@link PartitionCommitter} to publish with one rename each. Files
 * carried over from the published lineage are hard links on a local file system (copies elsewhere).
 */
public final class LineagePublish {
    /** The lineage folder under --out (hidden: readers and globs skip it). */
    public static final String LINEAGE = ".lineage";
    /** The tables whose rows carry their input file ({@code file} column): a partition is the union of its files' rows. */
    static final List<String> PER_FILE_TABLES = List.of("ingest_audit", "rejects", "unmatched_paths");
    /** The table whose rows each file's lineage keeps (per file {@code <table>/dt=D/src=S}, see SourceId.stagingPath). */
    private static final String SLI = "sli_minute";
    /** The rollups of sli_minute: the job makes them for the table only; a merged date's come from its merged minutes. */
    private static final List<String> ROLLUPS = List.of("sli_hour", "sli_day");

    private final Path out;
    private final Path staging;
    private final DateRange range;
    /** This run's input files: name (as in the tables) → source key. */
    private final Map<String, Long> runFiles = new LinkedHashMap<>();
    private final Set<Long> runKeys = new java.util.HashSet<>();
    /** The same keys as the per-file tables' {@code source} column has them. */
    private final Set<String> runHex = new java.util.HashSet<>();
    private final FileSystem fs;
    /** Date → source (hex) → file: the files that reached each date, as the job saw them. */
    private final Map<String, Map<String, String>> dateSources = new TreeMap<>();

    /** What {@link #prepare} found, for the run summary. */
    public static final class Summary {
        /** The dates whose partitions the run replaces. */
        public final Set<String> dates = new TreeSet<>();
        /** Input files of this run that earlier runs had ingested already (their contribution is replaced). */
        public final Set<String> reingested = new TreeSet<>();
        /** Touched dates that also hold lines of files outside this run (merged with them). */
        public final Set<String> mergedDates = new TreeSet<>();
        /** Files outside this run whose contributions were kept on the touched dates. */
        public final Set<String> keptSources = new TreeSet<>();
    }

    /**
     * {@code sourceKeys}: this run's files (as the tables name them) and their identities ({@link SourceKeys});
     * {@code dateSources}: the files that reached each date, as the job saw them ({@code dt TAB source TAB file},
     * the audit's rows: {@link IngestOperator#DATE_SOURCES}), so the staged audit is not read back to learn them.
     */
    public LineagePublish(Path out, Path staging, Map<String, Long> sourceKeys, java.util.Collection<String> dateSources,
            DateRange range) throws IOException {
        this.out = out;
        this.staging = staging;
        this.range = range;
        this.fs = out.getFileSystem();
        for (Map.Entry<String, Long> e : sourceKeys.entrySet()) {
            addFile(e.getKey(), e.getValue());
        }
        for (String r : dateSources) {
            String[] f = r.split("\t", 3);
            if (f.length != 3) {
                throw new IllegalArgumentException("not 'dt TAB source TAB file': " + r);
            }
            this.dateSources.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1], f[2]);
        }
    }

    private void addFile(String name, long key) {
        runFiles.put(name, key);
        runKeys.add(key);
        runHex.add(SourceId.hex(key));
    }

    /** Rebuilds the staging folder as described above; returns what it did, with the dates to publish. */
    public Summary prepare() throws IOException {
        Summary s = new Summary();
        Map<String, List<String>> published = publishedLineage();
        Set<String> dates = new TreeSet<>(PartitionCommitter.stagedDates(staging, IngestJob.TABLES));
        for (Map.Entry<String, List<String>> e : published.entrySet()) {
            for (String src : e.getValue()) {
                if (runKeys.contains(keyOf(src))) {
                    if (inRange(e.getKey())) {
                        dates.add(e.getKey());
                    }
                    s.reingested.add(sourcePath(new Path(new Path(lineageDir(out, e.getKey())), src)));
                }
            }
        }
        for (String d : dates) {
            if (!published.containsKey(d)) {
                refuseUnattributed(d);
            }
        }
        for (String d : dates) {
            prepareDate(d, published.getOrDefault(d, List.of()), s);
        }
        s.dates.addAll(dates);
        return s;
    }

    private void prepareDate(String d, List<String> publishedSources, Summary s) throws IOException {
        Path lineage = new Path(lineageDir(staging, d));
        // this run's contributions: its minute (hour, day) rows per file (src=: also the table's rows, lin=: the
        // file's only, see SourceId.stagingPath), and a SOURCE for every file with a line on d. The rows of several
        // files merged (where they share a key) stay where the job wrote them: in the table's staged partition
        Map<String, Path> contributions = new TreeMap<>();
        List<Path> shared = new ArrayList<>();
        Path staged = partition(staging, SLI, d);
        if (fs.exists(staged)) {
            for (FileStatus st : fs.listStatus(staged)) {
                String n = st.getPath().getName();
                boolean both = n.startsWith("src=");
                if (st.isDir() && (both || n.startsWith("lin="))) {
                    String src = "src=" + n.substring(4);
                    Path to = new Path(new Path(lineage, src), SLI);
                    fs.mkdirs(to);
                    for (FileStatus f : fs.listStatus(st.getPath())) {
                        Path moved = new Path(to, f.getPath().getName());
                        if (!fs.rename(f.getPath(), moved)) {
                            throw new IOException("could not move " + f.getPath() + " to " + moved);
                        }
                        if (both) {
                            shared.add(moved);
                        }
                    }
                    deleteTree(st.getPath());
                    contributions.put(src, to);
                }
            }
        }
        Map<String, String> sources = dateSources.getOrDefault(d, Map.of());
        for (Map.Entry<String, String> e : sources.entrySet()) {
            long key = Long.parseUnsignedLong(e.getKey(), 16);
            if (!runKeys.contains(key)) {
                addFile(e.getValue(), key); // a file the listing missed (one that appeared meanwhile): this run's all the same
            }
            writeSource(new Path(new Path(lineage, "src=" + e.getKey()), "SOURCE"), e.getValue());
        }
        // the other files' contributions, carried over
        boolean others = false;
        for (String src : publishedSources) {
            if (runKeys.contains(keyOf(src))) {
                continue; // replaced by this run's (or by nothing: the file no longer reaches d)
            }
            others = true;
            Path from = new Path(new Path(lineageDir(out, d)), src);
            Path to = new Path(lineage, src);
            copyTree(from, to);
            s.keptSources.add(sourcePath(from));
            Path rows = new Path(to, SLI);
            if (fs.exists(rows)) {
                contributions.put(src, rows);
            }
        }
        if (others) {
            s.mergedDates.add(d);
        }
        // sli_minute's partition: this run's rows as the job made them (the merged ones in place, each file's own
        // linked), and its rollups as the job made them; or, when other runs' files reach the date too, all
        // contributions merged and the rollups made again from the merged minutes
        if (!others) {
            for (Path f : shared) {
                fs.mkdirs(staged);
                linkOrCopy(f, new Path(staged, f.getName()));
            }
        } else {
            deleteTree(staged);
            List<SliMinuteRow> merged = mergeMinutes(contributions.values(), d);
            if (!merged.isEmpty()) {
                writeRows(new Path(staged, "part-merged-0.parquet"), SliMinuteRow.SCHEMA, merged);
            }
            for (String t : ROLLUPS) {
                deleteTree(partition(staging, t, d));
            }
            List<SliRollup> hours = SliRollups.rollup(merged, RollupPeriod.HOUR);
            if (!hours.isEmpty()) {
                writeRows(new Path(partition(staging, "sli_hour", d), "part-merged-0.parquet"), SliHourRow.SCHEMA,
                        hours.stream().map(SliHourRow::of).toList());
                writeRows(new Path(partition(staging, "sli_day", d), "part-merged-0.parquet"), SliDayRow.SCHEMA,
                        SliRollups.coarsen(hours, RollupPeriod.DAY).stream().map(SliDayRow::of).toList());
            }
        }
        // tables with a file column: the other files' rows of the published partition, kept
        if (others) {
            for (String t : PER_FILE_TABLES) {
                keepOtherFilesRows(t, d);
            }
        }
    }

    /** Several files' minute rows of one date, merged by key. */
    private List<SliMinuteRow> mergeMinutes(java.util.Collection<Path> dirs, String d) throws IOException {
        MinuteRowMerger merger = new MinuteRowMerger();
        for (Path dir : dirs) {
            for (Path f : parquetFiles(dir)) {
                for (Group g : ParquetFiles.read(f).rows()) {
                    merger.add(SliMinuteRows.fromGroup(g, d));
                }
            }
        }
        return merger.rows();
    }

    /**
     * A date without lineage must have no published rows: rows a stream or an earlier sliflow wrote carry no
     * record of their files, and merging or replacing them would double or drop lines without a trace.
     */
    private void refuseUnattributed(String d) throws IOException {
        for (String t : IngestJob.TABLES) {
            if (fs.exists(partition(out, t, d))) {
                throw new IOException(t + "/dt=" + d + " was written without lineage (by --mode stream or an earlier"
                        + " sliflow), so a batch run cannot tell which files its rows came from: ingest into another"
                        + " --out, or move that date's partitions away and ingest all of its files");
            }
        }
    }

    private void keepOtherFilesRows(String table, String d) throws IOException {
        Path published = partition(out, table, d);
        if (!fs.exists(published)) {
            return;
        }
        int n = 0;
        for (Path f : parquetFiles(published)) {
            ParquetFiles.Rows rows = ParquetFiles.read(f);
            List<Group> kept = new ArrayList<>();
            for (Group g : rows.rows()) {
                if (!runHex.contains(sourceOf(g, table, d))) {
                    kept.add(g);
                }
            }
            if (!kept.isEmpty()) {
                ParquetFiles.write(new Path(partition(staging, table, d), "part-kept-" + (n++) + ".parquet"),
                        rows.schema(), kept);
            }
        }
    }

    /** Published lineage: date → its source folders ({@code src=…}), dates in order. */
    private Map<String, List<String>> publishedLineage() throws IOException {
        Map<String, List<String>> m = new TreeMap<>();
        Path root = new Path(out, LINEAGE);
        if (!fs.exists(root)) {
            return m;
        }
        for (FileStatus day : fs.listStatus(root)) {
            String n = day.getPath().getName();
            if (!day.isDir() || !n.startsWith("dt=")) {
                continue;
            }
            List<String> srcs = new ArrayList<>();
            for (FileStatus src : fs.listStatus(day.getPath())) {
                if (src.isDir() && src.getPath().getName().startsWith("src=")) {
                    srcs.add(src.getPath().getName());
                }
            }
            m.put(n.substring(3), srcs);
        }
        return m;
    }

    private boolean inRange(String dt) {
        return range.contains(LocalDate.parse(dt).toEpochDay());
    }

    private static long keyOf(String srcFolder) {
        return Long.parseUnsignedLong(srcFolder.substring(4), 16);
    }

    private static String lineageDir(Path root, String d) {
        return new Path(new Path(root, LINEAGE), "dt=" + d).toString();
    }

    private static Path partition(Path root, String table, String d) {
        return new Path(new Path(root, table), "dt=" + d);
    }

    /** A published per-file row's source; a row without one was not written with lineage: refused. */
    private static String sourceOf(Group g, String table, String d) throws IOException {
        if (g.getType().containsField("source") && g.getFieldRepetitionCount("source") > 0) {
            return g.getString("source", 0);
        }
        throw new IOException(table + "/dt=" + d + " holds rows written without lineage (by an earlier sliflow):"
                + " re-ingest that date's files in one run into a new --out");
    }

    private List<Path> parquetFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (FileStatus st : fs.listStatus(dir)) {
            String n = st.getPath().getName();
            if (!st.isDir() && n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_")) {
                files.add(st.getPath());
            }
        }
        files.sort(java.util.Comparator.comparing(Path::toString));
        return files;
    }

    private void writeSource(Path f, String file) throws IOException {
        fs.mkdirs(f.getParent());
        try (FSDataOutputStream o = fs.create(f, FileSystem.WriteMode.OVERWRITE)) {
            o.write(("path=" + file + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The path a lineage source folder names in its SOURCE file (the folder's name when it has none). */
    private String sourcePath(Path srcFolder) throws IOException {
        Path f = new Path(srcFolder, "SOURCE");
        if (!fs.exists(f)) {
            return srcFolder.getName();
        }
        try (InputStream in = fs.open(f)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith("path=")) {
                    return line.substring(5);
                }
            }
        }
        return srcFolder.getName();
    }

    private <T> void writeRows(Path file, TableSchema<T> schema, List<T> rows) throws IOException {
        fs.mkdirs(file.getParent());
        try (FSDataOutputStream o = fs.create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<T> w = ParquetTables.writerFactory(schema).create(o);
            for (T r : rows) {
                w.addElement(r);
            }
            w.finish();
        }
    }

    /** Copies a folder's files (hard links on a local file system: published files are never changed). */
    private void copyTree(Path from, Path to) throws IOException {
        fs.mkdirs(to);
        for (FileStatus st : fs.listStatus(from)) {
            Path target = new Path(to, st.getPath().getName());
            if (st.isDir()) {
                copyTree(st.getPath(), target);
                continue;
            }
            linkOrCopy(st.getPath(), target);
        }
    }

    /** A hard link of a file on a local file system (published files are never changed), else a copy. */
    private void linkOrCopy(Path from, Path target) throws IOException {
        java.nio.file.Path a = local(from);
        java.nio.file.Path b = local(target);
        if (a != null && b != null) {
            try {
                java.nio.file.Files.createLink(b, a);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // no hard links here (a FUSE or network mount, another file system): copy
            }
        }
        try (InputStream in = fs.open(from);
                OutputStream o = fs.create(target, FileSystem.WriteMode.NO_OVERWRITE)) {
            in.transferTo(o);
        }
    }

    private java.nio.file.Path local(Path p) {
        Path q = p.makeQualified(fs);
        return "file".equals(q.toUri().getScheme()) ? java.nio.file.Path.of(q.toUri().getPath()) : null;
    }

    private static void deleteTree(Path p) throws IOException {
        Jobs.deleteTree(p);
    }
}
