package dev.sliflow.table;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/** Parquet writers for sliflow tables (ZSTD-compressed, real logical types). */
public final class ParquetTables {
    /**
     * Parquet page size of every table, instead of Parquet's 1 MiB: every file a writer opens
     * allocates a page-sized compression buffer and holds it while open. A backfill of a year writes
     * ~1,500 files (a date each per table), and its 1 MiB buffers, promoted to the old generation,
     * filled a 1 GiB heap; the backtest writes every date's partition at once.
     */
    static final int PAGE_SIZE_BYTES = 128 * 1024;

    private ParquetTables() {}

    /**
     * A Flink bulk-writer factory for {@code FileSink.forBulkFormat} and the batch sinks. The stream is
     * buffered ({@link BufferedFsOutputStream}: Parquet writes headers and footer byte by byte); the
     * buffer is written through when the writer is flushed or finished, before the caller commits or
     * closes the stream.
     */
    public static <T> BulkWriter.Factory<T> writerFactory(TableSchema<T> schema) {
        return new BufferedFactory<>(new ParquetWriterFactory<>(new Builder<>(schema)));
    }

    private static final class BufferedFactory<T> implements BulkWriter.Factory<T> {
        private static final long serialVersionUID = 1L;
        private final ParquetWriterFactory<T> parquet;

        BufferedFactory(ParquetWriterFactory<T> parquet) {
            this.parquet = parquet;
        }

        @Override
        public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
            BufferedFsOutputStream buffered = new BufferedFsOutputStream(out);
            BulkWriter<T> w = parquet.create(buffered);
            return new BulkWriter<>() {
                @Override
                public void addElement(T element) throws IOException {
                    w.addElement(element);
                }

                @Override
                public void flush() throws IOException {
                    w.flush();
                    buffered.flush();
                }

                @Override
                public void finish() throws IOException {
                    w.finish();
                    buffered.flush(); // the stream itself stays open: the caller closes or commits it
                }
            };
        }
    }

    /** A plain Parquet writer, for code that writes outside Flink (tests, small tables). */
    public static <T> ParquetWriter<T> writer(TableSchema<T> schema, OutputFile out) throws IOException {
        return new Builder<>(schema).createWriter(out);
    }

    private static final class Builder<T> implements ParquetBuilder<T> {
        private static final long serialVersionUID = 1L;
        private final TableSchema<T> schema;

        Builder(TableSchema<T> schema) {
            this.schema = schema;
        }

        @Override
        public ParquetWriter<T> createWriter(OutputFile out) throws IOException {
            WriterBuilder<T> b = new WriterBuilder<>(out, schema)
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                    .withConf(new Configuration(false))
                    .withPageSize(PAGE_SIZE_BYTES);
            for (Column<T> c : schema.columns()) {
                // sketches and measured doubles are nearly all distinct: a dictionary only costs time
                if (c.type() == ColumnType.BINARY || c.type() == ColumnType.DOUBLE
                        || schema.withoutDictionary().contains(c.name())) {
                    b = b.withDictionaryEncoding(c.name(), false);
                }
            }
            return b.build();
        }
    }

    private static final class WriterBuilder<T> extends ParquetWriter.Builder<T, WriterBuilder<T>> {
        private final TableSchema<T> schema;

        WriterBuilder(OutputFile out, TableSchema<T> schema) {
            super(out);
            this.schema = schema;
        }

        @Override
        protected WriterBuilder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return new RowWriteSupport<>(schema, Map.of("sliflow.table", schema.name(), "sliflow.version", "1"));
        }
    }
}
