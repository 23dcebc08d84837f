package dev.sliflow.table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Whole Parquet files read and written as rows of Parquet's example {@link Group} model, on any
 * Flink file system (local, S3, HDFS): what the ingest's publish step needs to merge a date's rows
 * with those of earlier runs, whatever the table's columns.
 */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** The rows of one file and its schema. */
    public record Rows(MessageType schema, List<Group> rows) {}

    /** Every row of {@code file}. */
    public static Rows read(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(input(file))) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            List<Group> rows = new ArrayList<>();
            PageReadStore pages;
            while ((pages = r.readNextRowGroup()) != null) {
                RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long i = 0; i < pages.getRowCount(); i++) {
                    rows.add(rr.read());
                }
            }
            return new Rows(schema, rows);
        }
    }

    /** Writes {@code rows} (of {@code schema}) as a new file, ZSTD-compressed as the tables' own files. */
    public static void write(Path file, MessageType schema, List<Group> rows) throws IOException {
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(output(file))
                .withType(schema)
                .withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Group g : rows) {
                w.write(g);
            }
        }
    }

    /** A Parquet input file over a Flink file system. */
    public static InputFile input(Path file) throws IOException {
        FileSystem fs = file.getFileSystem();
        long length = fs.getFileStatus(file).getLen();
        return new InputFile() {
            @Override
            public long getLength() {
                return length;
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                FSDataInputStream in = fs.open(file);
                return new DelegatingSeekableInputStream(in) {
                    @Override
                    public long getPos() throws IOException {
                        return in.getPos();
                    }

                    @Override
                    public void seek(long newPos) throws IOException {
                        in.seek(newPos);
                    }
                };
            }
        };
    }

    /** A Parquet output file over a Flink file system (a new file; an existing one is overwritten). */
    public static OutputFile output(Path file) throws IOException {
        FileSystem fs = file.getFileSystem();
        return new OutputFile() {
            @Override
            public PositionOutputStream create(long blockSizeHint) throws IOException {
                return stream(fs.create(file, FileSystem.WriteMode.NO_OVERWRITE));
            }

            @Override
            public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
                return stream(fs.create(file, FileSystem.WriteMode.OVERWRITE));
            }

            @Override
            public boolean supportsBlockSize() {
                return false;
            }

            @Override
            public long defaultBlockSize() {
                return 0;
            }

            @Override
            public String getPath() {
                return file.toString();
            }
        };
    }

    private static PositionOutputStream stream(FSDataOutputStream raw) {
        BufferedFsOutputStream out = new BufferedFsOutputStream(raw); // Parquet writes its footer byte by byte
        return new DelegatingPositionOutputStream(out) {
            @Override
            public long getPos() throws IOException {
                return out.getPos();
            }
        };
    }
}
