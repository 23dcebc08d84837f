package dev.sliflow.query;

import dev.sliflow.flink.EmbeddedCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.config.TableConfigOptions;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs Flink SQL over the tables of an output folder with the embedded engine. The DDL of every
 * table comes from {@code sql/ddl/*.sql} (packaged in the jar), with {@code ${OUT}} replaced by
 * the output folder, so analysts and sliflow read the tables through the very same definitions.
 */
public final class SqlRunner implements AutoCloseable {
    public static final List<String> DDL = List.of("sli_minute", "sli_hour", "sli_day", "rejects", "ingest_audit", "unmatched_paths", "late_events", "slo_daily",
            "alerts", "slo_summary", "slo_recommendation", "sla_months", "alert_quality");
    private final TableEnvironment tenv;

    public SqlRunner(String outDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.set(TableConfigOptions.LOCAL_TIME_ZONE, "UTC"); // the tables are UTC: hours and dates of timestamps too
        EmbeddedCluster.withWorkingDir(conf); // its local cluster's folders go when the JVM exits
        // its local cluster needs no Kerberos/Hadoop delegation tokens (as Jobs.batchConf): obtaining them
        // costs start-up, and on Java 24+ Hadoop's Subject.getSubject fails the cluster's start
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        tenv = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().withConfiguration(conf).build());
        String out = Path.of(outDir).toAbsolutePath().normalize().toString().replace("'", "''");
        for (String t : DDL) {
            for (String stmt : statements(resource("sql/ddl/" + t + ".sql"))) {
                tenv.executeSql(stmt.replace("${OUT}", out));
            }
        }
    }

    /** Runs every statement of a script; returns the rows of the last query. */
    public Result run(String script) {
        List<String> stmts = statements(script);
        if (stmts.isEmpty()) {
            throw new IllegalArgumentException("no SQL statement given");
        }
        Result last = null;
        for (String s : stmts) {
            TableResult r = tenv.executeSql(s);
            List<String> names = r.getResolvedSchema().getColumnNames();
            List<Row> rows = new ArrayList<>();
            try (CloseableIterator<Row> it = r.collect()) {
                it.forEachRemaining(rows::add);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            last = new Result(names, rows);
        }
        return last;
    }

    @Override
    public void close() {}

    /** Column names and rows of a query. */
    public static final class Result {
        public final List<String> columns;
        public final List<Row> rows;

        Result(List<String> columns, List<Row> rows) {
            this.columns = columns;
            this.rows = rows;
        }
    }

    /** Reads a classpath resource, or the file of the same relative path in the working directory. */
    public static String resource(String name) throws IOException {
        try (InputStream in = SqlRunner.class.getClassLoader().getResourceAsStream(name)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Path p = Path.of(name);
        if (Files.exists(p)) {
            return Files.readString(p);
        }
        throw new IOException("missing resource " + name);
    }

    /**
     * Splits a script on ';' at line ends. Comment ('--') and blank lines are kept as empty lines, and
     * each statement starts with as many empty lines as precede it in the script: the line numbers of
     * Flink's parser and validator messages are then the script's (a .sql file's lines), not the statement's.
     */
    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean started = false;
        for (String line : script.split("\n", -1)) {
            String t = line.strip();
            boolean skip = t.startsWith("--") || t.isEmpty();
            cur.append(skip ? "" : line).append('\n');
            started |= !skip;
            if (!skip && t.endsWith(";")) {
                String s = stripEnd(cur.toString());
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
                cur.append("\n".repeat((int) out.get(out.size() - 1).chars().filter(c -> c == '\n').count() + 1));
                started = false;
            }
        }
        if (started) {
            out.add(stripEnd(cur.toString()));
        }
        return out;
    }

    private static String stripEnd(String s) {
        return s.stripTrailing();
    }
}
