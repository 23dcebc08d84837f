package dev.sliflow.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Compares the tables of two output folders row by row, every column (bytes as hex, maps by key),
 * as multisets: part file names, row order and the number of files do not matter. Used to check
 * that a run on a Flink cluster wrote what the embedded run wrote:
 * {@code java -cp sliflow.jar dev.sliflow.table.TableDiff A B sli_minute rejects …}; exit 0 when
 * equal, 1 with the differing rows otherwise (or when a table has no rows at all: nothing compared).
 * {@code --ignore p50_ms,p95_ms} leaves columns out of the comparison (of every table named): CI compares
 * runs on two Java versions, whose {@code Math.cbrt} may differ in the last bit, and so may a percentile
 * computed from the same sketch bins (the sketches themselves, the counts and the maps are compared).
 */
public final class TableDiff {
    private static final String USAGE = "usage: TableDiff [--ignore COLUMN[,COLUMN…]] OUT_A OUT_B TABLE [TABLE…]";

    private TableDiff() {}

    public static void main(String[] args) {
        Set<String> ignored = Set.of();
        if (args.length > 0 && args[0].equals("--ignore")) {
            if (args.length < 2) {
                System.err.println(USAGE);
                System.exit(2);
            }
            ignored = Set.of(args[1].split(","));
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        if (args.length < 3) {
            System.err.println(USAGE);
            System.exit(2);
        }
        List<String> problems = new ArrayList<>();
        for (String t : Arrays.asList(args).subList(2, args.length)) {
            Map<String, Integer> a = rows(Path.of(args[0]), t, ignored);
            Map<String, Integer> b = rows(Path.of(args[1]), t, ignored);
            List<String> d = diff(t, a, b);
            int n = a.values().stream().mapToInt(Integer::intValue).sum();
            if (n == 0 && d.isEmpty()) {
                System.out.printf("  %-16s EMPTY in both: nothing to compare%n", t);
                problems.add(t + ": empty");
            } else if (d.isEmpty()) {
                System.out.printf("  %-16s %,d rows equal%n", t, n);
            } else {
                System.out.printf("  %-16s DIFFERENT (%,d rows in %s, %,d in %s)%n", t, n, args[0],
                        b.values().stream().mapToInt(Integer::intValue).sum(), args[1]);
                d.stream().limit(20).forEach(s -> System.out.println("    " + s));
                problems.addAll(d);
            }
        }
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** Differences of a table between two folders ("only in A: row", "only in B: row"); empty when equal. */
    public static List<String> diff(Path a, Path b, String table) {
        return diff(table, rows(a, table), rows(b, table));
    }

    static List<String> diff(String table, Map<String, Integer> a, Map<String, Integer> b) {
        List<String> out = new ArrayList<>();
        if (a.isEmpty() && b.isEmpty()) {
            return out;
        }
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            int extra = e.getValue() - b.getOrDefault(e.getKey(), 0);
            if (extra > 0) {
                out.add(table + ": only in A (x" + extra + "): " + e.getKey());
            }
        }
        for (Map.Entry<String, Integer> e : b.entrySet()) {
            int extra = e.getValue() - a.getOrDefault(e.getKey(), 0);
            if (extra > 0) {
                out.add(table + ": only in B (x" + extra + "): " + e.getKey());
            }
        }
        return out;
    }

    /** Every row of {@code out/table} (visible Parquet files of every dt= folder) as text → how often. */
    public static Map<String, Integer> rows(Path out, String table) {
        return rows(out, table, Set.of());
    }

    /** {@link #rows(Path, String)} without the top-level columns named in {@code ignored}. */
    public static Map<String, Integer> rows(Path out, String table, Set<String> ignored) {
        Map<String, Integer> rows = new TreeMap<>();
        Path dir = out.resolve(table);
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).filter(f -> visible(dir.relativize(f)))
                    .sorted()::iterator) {
                String partition = dir.relativize(f.getParent()).toString();
                readFile(f, ignored, row -> rows.merge((partition.isEmpty() ? "" : partition + " ") + row, 1, Integer::sum));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Readers skip hidden files and folders (in-progress part files, staging, markers). */
    private static boolean visible(Path f) {
        for (Path p : f) {
            String n = p.toString();
            if (n.startsWith(".") || n.startsWith("_")) {
                return false;
            }
        }
        return true;
    }

    private static void readFile(Path f, Set<String> ignored, java.util.function.Consumer<String> sink) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    sink.accept(render(rr.read(), schema, ignored));
                }
            }
        }
    }

    private static String render(Group g, GroupType type, Set<String> ignored) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type f = type.getType(i);
            if (ignored.contains(f.getName())) {
                continue;
            }
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(f.getName()).append('=');
            int n = g.getFieldRepetitionCount(i);
            List<String> values = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                values.add(f.isPrimitive() ? value(g, i, j, f.asPrimitiveType()) : render(g.getGroup(i, j), f.asGroupType(), Set.of()));
            }
            if (f.isRepetition(Type.Repetition.REPEATED)) {
                values.sort(null); // map entries and list items: compared as sets of values
                b.append(values);
            } else {
                b.append(n == 0 ? "null" : values.get(0));
            }
        }
        return b.append('}').toString();
    }

    private static String value(Group g, int field, int index, PrimitiveType t) {
        switch (t.getPrimitiveTypeName()) {
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                return t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        ? g.getString(field, index)
                        : "0x" + HexFormat.of().formatHex(g.getBinary(field, index).getBytes());
            default:
                return g.getValueToString(field, index);
        }
    }
}
