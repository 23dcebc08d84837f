package dev.sliflow.cli;

import dev.sliflow.query.SqlErrors;
import dev.sliflow.query.SqlRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        header = "Runs Flink SQL over the output tables and prints the rows.",
        description = "Runs Flink SQL over the tables of --out (their DDL is registered for you) and prints the rows.")
public final class QueryCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder of the tables.")
    String out;

    @Option(names = "--sql", paramLabel = "SQL", description = "The SQL text.")
    String sql;

    @Parameters(arity = "0..1", paramLabel = "FILE.sql", description = "A .sql file to run instead of --sql.")
    Path file;

    @Option(names = "--format", defaultValue = "table", paramLabel = "F", description = "table (default), csv or json.")
    String format;

    @Override
    public Integer call() throws Exception {
        if ((sql == null) == (file == null)) {
            throw new IllegalArgumentException("give either --sql \"SELECT ...\" or a FILE.sql");
        }
        if (!Files.isDirectory(Path.of(out))) {
            throw new IllegalArgumentException("--out " + out + " is not a folder");
        }
        String script = sql != null ? sql : Files.readString(file);
        SqlRunner.Result r;
        try (SqlRunner runner = new SqlRunner(out)) {
            r = runner.run(script);
        } catch (org.apache.flink.table.api.ValidationException | org.apache.flink.table.api.SqlParserException e) {
            throw new IllegalArgumentException("SQL: " + SqlErrors.oneLine(e.getMessage()));
        }
        Printer.print(r, format, System.out);
        return 0;
    }

    /** Aligned table, CSV or JSON lines. */
    static final class Printer {
        static void print(SqlRunner.Result r, String format, PrintStream p) {
            int n = r.columns.size();
            java.util.List<String[]> cells = new java.util.ArrayList<>();
            for (org.apache.flink.types.Row row : r.rows) {
                String[] c = new String[n];
                for (int i = 0; i < n; i++) {
                    Object v = row.getField(i);
                    c[i] = v == null ? "" : (v instanceof byte[] ? "<" + ((byte[]) v).length + " bytes>" : v.toString());
                }
                cells.add(c);
            }
            switch (format) {
                case "csv":
                    p.println(String.join(",", r.columns));
                    for (String[] c : cells) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 0; i < n; i++) {
                            if (i > 0) {
                                b.append(',');
                            }
                            String v = c[i];
                            b.append(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
                        }
                        p.println(b);
                    }
                    break;
                case "json":
                    for (String[] c : cells) {
                        StringBuilder b = new StringBuilder("{");
                        for (int i = 0; i < n; i++) {
                            if (i > 0) {
                                b.append(',');
                            }
                            b.append('"').append(esc(r.columns.get(i))).append("\":\"").append(esc(c[i])).append('"');
                        }
                        p.println(b.append('}'));
                    }
                    break;
                case "table":
                    int[] w = new int[n];
                    for (int i = 0; i < n; i++) {
                        w[i] = r.columns.get(i).length();
                        for (String[] c : cells) {
                            w[i] = Math.max(w[i], c[i].length());
                        }
                    }
                    StringBuilder h = new StringBuilder();
                    StringBuilder sep = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        h.append(String.format("%-" + w[i] + "s  ", r.columns.get(i)));
                        sep.append("-".repeat(w[i])).append("  ");
                    }
                    p.println(h.toString().stripTrailing());
                    p.println(sep.toString().stripTrailing());
                    for (String[] c : cells) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 0; i < n; i++) {
                            b.append(String.format("%-" + w[i] + "s  ", c[i]));
                        }
                        p.println(b.toString().stripTrailing());
                    }
                    p.printf("(%d row%s)%n", cells.size(), cells.size() == 1 ? "" : "s");
                    break;
                default:
                    throw new IllegalArgumentException("--format " + format + ": expected table, csv or json");
            }
        }

        private static String esc(String s) {
            return s.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
