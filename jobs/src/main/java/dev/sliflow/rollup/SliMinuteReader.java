package dev.sliflow.rollup;

import dev.sliflow.ingest.SliMinuteRow;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.InvalidRecordException;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads the columns of {@code sli_minute} Parquet files that a rollup needs (counts, thresholds and
 * sketches; not the minute percentiles) straight into {@link SliMinuteRow}s, column by column with
 * Parquet's record assembly — no Flink job, no generic row objects: the rollup of a month reads
 * several hundred thousand rows after every ingest.
 */
final class SliMinuteReader {
    static final List<String> COLUMNS = List.of("journey", "region", "minute", "total", "good", "server_errors",
            "with_latency", "good_latency", "latency_sketch");
    private static final MessageType FULL = SliMinuteRow.SCHEMA.messageType();
    /** The columns read: those of {@link #COLUMNS}, in that order, with the table's own types. */
    static final MessageType PROJECTION = new MessageType(FULL.getName(),
            COLUMNS.stream().map(FULL::getType).toArray(Type[]::new));

    /**
     * Hadoop settings without Hadoop's default resources: {@code ParquetFileReader.open(file)} parses
     * core-default.xml anew for every file, which was a sixth of the time of reading a month of minutes.
     * Read only, so shared.
     */
    private static final Configuration CONF = new Configuration(false);

    private SliMinuteReader() {}

    /**
     * Every row of one file, in file order; a row object is new each time (the consumer may keep it).
     *
     * @throws IOException when the file is not a readable {@code sli_minute} file (named by {@code name})
     */
    static void read(InputFile file, String name, Consumer<SliMinuteRow> sink) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(file, HadoopReadOptions.builder(CONF).build())) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            try {
                schema.checkContains(PROJECTION);
            } catch (InvalidRecordException e) {
                throw new IOException(name + " is not an sli_minute file: " + e.getMessage(), e);
            }
            r.setRequestedSchema(PROJECTION);
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(PROJECTION, schema);
            Materializer m = new Materializer();
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                RecordReader<SliMinuteRow> rows = io.getRecordReader(pages, m);
                for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                    sink.accept(rows.read());
                }
            }
        }
    }

    /** Assembles one {@link SliMinuteRow} per record from the columns of {@link #PROJECTION}. */
    private static final class Materializer extends RecordMaterializer<SliMinuteRow> {
        private final Root root = new Root();

        @Override
        public SliMinuteRow getCurrentRecord() {
            return root.row;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    private static final class Root extends GroupConverter {
        SliMinuteRow row;
        private final Converter[] fields;
        private final Strings journeys = new Strings();
        private final Strings regions = new Strings();
        private int[] keys = new int[8];
        private long[] values = new long[8];
        private int entries;
        private boolean hasValue;
        /** The last row's thresholds: rows of a file nearly always share them, and so one array. */
        private int[] lastThresholds = new int[0];

        Root() {
            PrimitiveConverter keyConverter = new PrimitiveConverter() {
                @Override
                public void addInt(int v) {
                    if (entries == keys.length) {
                        keys = Arrays.copyOf(keys, entries * 2);
                        values = Arrays.copyOf(values, entries * 2);
                    }
                    keys[entries] = v;
                }
            };
            PrimitiveConverter valueConverter = new PrimitiveConverter() {
                @Override
                public void addLong(long v) {
                    values[entries] = v;
                    hasValue = true;
                }
            };
            GroupConverter keyValue = new GroupConverter() {
                @Override
                public Converter getConverter(int i) {
                    return i == 0 ? keyConverter : valueConverter;
                }

                @Override
                public void start() {
                    hasValue = false;
                }

                @Override
                public void end() {
                    if (!hasValue) {
                        throw new IllegalArgumentException("good_latency of " + row.journey + " has threshold "
                                + keys[entries] + " without a count");
                    }
                    entries++;
                }
            };
            GroupConverter map = new GroupConverter() {
                @Override
                public Converter getConverter(int i) {
                    return keyValue;
                }

                @Override
                public void start() {}

                @Override
                public void end() {}
            };
            fields = new Converter[] {
                new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary v) {
                        row.journey = journeys.of(v);
                    }
                },
                new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary v) {
                        row.region = regions.of(v);
                    }
                },
                longs((r, v) -> r.minute = v),
                longs((r, v) -> r.total = v),
                longs((r, v) -> r.good = v),
                longs((r, v) -> r.serverErrors = v),
                longs((r, v) -> r.withLatency = v),
                map,
                new PrimitiveConverter() {
                    @Override
                    public void addBinary(Binary v) {
                        row.sketch = v.getBytes();
                    }
                },
            };
        }

        private interface LongField {
            void set(SliMinuteRow r, long v);
        }

        private PrimitiveConverter longs(LongField f) {
            return new PrimitiveConverter() {
                @Override
                public void addLong(long v) {
                    f.set(row, v);
                }
            };
        }

        @Override
        public Converter getConverter(int i) {
            return fields[i];
        }

        @Override
        public void start() {
            row = new SliMinuteRow();
            entries = 0;
        }

        @Override
        public void end() {
            int[] th = lastThresholds;
            if (!Arrays.equals(th, 0, th.length, keys, 0, entries)) {
                th = Arrays.copyOf(keys, entries);
                lastThresholds = th;
            }
            row.thresholdsMs = th;
            row.goodLatency = Arrays.copyOf(values, entries);
            if (row.sketch == null) {
                row.sketch = new byte[0];
            }
        }
    }

    /** UTF-8 strings of a column whose values repeat (journeys, regions): the last one decoded is reused. */
    private static final class Strings {
        private Binary last;
        private String value;

        String of(Binary v) {
            if (last == null || !last.equals(v)) {
                last = v.copy();
                value = v.toStringUsingUTF8();
            }
            return value;
        }
    }
}
