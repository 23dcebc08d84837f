package dev.sliflow.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the three contenders of the suite did the same work, per journey × UTC minute:
 * sliflow's {@code sli_minute} (regions summed) must equal the bare scan's counts exactly (total,
 * good, server_errors, with_latency); DuckDB's Parquet must equal the bare scan's counts less the
 * requests the bare scan found on a line right after a line with an open double quote (a cut
 * line: DuckDB's CSV reader reads the next line into the open quoted value and loses it — the only
 * difference allowed, and reported); good_latency (per threshold) must be equal between sliflow and
 * DuckDB in every minute without such a loss. Percentiles are compared for information only
 * (sliflow's are DDSketch estimates, DuckDB's exact).
 */
public final class CountsCheck {
    private CountsCheck() {}

    /** What the comparison found. */
    public record Result(long keys, long requests, long sliflowVsBare, long duckdbVsBare, long goodLatencyDiffs,
                         long lostByCsvQuotes, long minutesWithLoss, List<String> examples, String percentiles) {
        public boolean matches() {
            return keys > 0 && sliflowVsBare == 0 && duckdbVsBare == 0 && goodLatencyDiffs == 0;
        }

        public String describe() {
            if (matches()) {
                return String.format("counts match: %,d journey-minutes, %,d requests: sliflow = bare scan exactly (total, good,"
                        + " server_errors, with_latency); DuckDB = the same less %,d request(s) in %,d journey-minute(s) that"
                        + " its CSV reader lost (each on the line right after a cut line whose open quote swallowed it);"
                        + " good_latency sliflow = DuckDB", keys, requests, lostByCsvQuotes, minutesWithLoss);
            }
            return String.format("COUNTS DIFFER: %,d journey-minutes (bare scan), %,d differ sliflow vs bare scan, %,d differ DuckDB"
                    + " vs bare scan (after the %,d request(s) lost to open quotes), %,d good_latency entries differ sliflow vs"
                    + " DuckDB; e.g. %s", keys, sliflowVsBare, duckdbVsBare, lostByCsvQuotes, goodLatencyDiffs, examples);
        }
    }

    public static Result compare(Path sliMinuteDir, Path duckdbParquet, Path bareCsv) throws Exception {
        String s = "read_parquet('" + sliMinuteDir.toAbsolutePath() + "/*/*.parquet', hive_partitioning = true)";
        String d = "read_parquet('" + duckdbParquet.toAbsolutePath() + "')";
        String b = "read_csv('" + bareCsv.toAbsolutePath() + "', header = true, auto_detect = false, columns = {'journey': 'VARCHAR',"
                + " 'minute_ms': 'BIGINT', 'total': 'BIGINT', 'good': 'BIGINT', 'server_errors': 'BIGINT', 'with_latency': 'BIGINT',"
                + " 'lost_total': 'BIGINT', 'lost_good': 'BIGINT', 'lost_server_errors': 'BIGINT', 'lost_with_latency': 'BIGINT'})";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE s AS SELECT journey, epoch_ms(minute) AS m, sum(total) AS total, sum(good) AS good,"
                    + " sum(server_errors) AS server_errors, sum(with_latency) AS with_latency,"
                    + " sum(total * p50_ms) / sum(total) AS p50, max(p95_ms) AS p95, max(p99_ms) AS p99, count(*) AS regions"
                    + " FROM " + s + " GROUP BY journey, m");
            st.execute("CREATE TEMP TABLE d AS SELECT journey, epoch_ms(minute) AS m, total, good, server_errors, with_latency,"
                    + " p50_ms AS p50, p95_ms AS p95, p99_ms AS p99 FROM " + d);
            st.execute("CREATE TEMP TABLE b AS SELECT * FROM " + b);
            // what a CSV reader sees: the bare scan's counts less the requests right after an open quote
            st.execute("CREATE TEMP TABLE bc AS SELECT journey, minute_ms AS m, total - lost_total AS total, good - lost_good AS good,"
                    + " server_errors - lost_server_errors AS server_errors, with_latency - lost_with_latency AS with_latency"
                    + " FROM b WHERE total > lost_total");
            st.execute("CREATE TEMP TABLE bs AS SELECT journey, minute_ms AS m, total, good, server_errors, with_latency FROM b");
            String same = "x.total IS NOT DISTINCT FROM y.total AND x.good IS NOT DISTINCT FROM y.good"
                    + " AND x.server_errors IS NOT DISTINCT FROM y.server_errors AND x.with_latency IS NOT DISTINCT FROM y.with_latency";
            long keys = one(st, "SELECT count(*) FROM bs");
            long requests = one(st, "SELECT coalesce(sum(total), 0) FROM bs");
            long lost = one(st, "SELECT coalesce(sum(lost_total), 0) FROM b");
            long lossMinutes = one(st, "SELECT count(*) FROM b WHERE lost_total > 0");
            String diff = " FROM %s x FULL OUTER JOIN %s y ON x.journey = y.journey AND x.m = y.m WHERE NOT (" + same + ")";
            long sliVsBare = one(st, "SELECT count(*)" + String.format(diff, "s", "bs"));
            long duckVsBare = one(st, "SELECT count(*)" + String.format(diff, "d", "bc"));
            long gl = one(st, "WITH sg AS (SELECT journey, m, k, sum(v) AS v FROM (SELECT journey, epoch_ms(minute) AS m,"
                    + " unnest(map_keys(good_latency)) AS k, unnest(map_values(good_latency)) AS v FROM " + s + ") GROUP BY ALL),"
                    + " dg AS (SELECT journey, epoch_ms(minute) AS m, unnest(map_keys(good_latency)) AS k,"
                    + " unnest(map_values(good_latency)) AS v FROM " + d + ")"
                    + " SELECT count(*) FROM sg FULL OUTER JOIN dg USING (journey, m, k)"
                    + " LEFT JOIN (SELECT journey AS lj, minute_ms AS lm FROM b WHERE lost_total > 0) l ON l.lj = journey AND l.lm = m"
                    + " WHERE sg.v IS DISTINCT FROM dg.v AND l.lm IS NULL");
            List<String> examples = new ArrayList<>();
            for (String[] pair : List.of(new String[] {"s", "bs", "sliflow/bare"}, new String[] {"d", "bc", "duckdb/bare less lost"})) {
                try (ResultSet rs = st.executeQuery("SELECT coalesce(x.journey, y.journey), coalesce(x.m, y.m), x.total, y.total,"
                        + " x.good, y.good, x.server_errors, y.server_errors, x.with_latency, y.with_latency"
                        + String.format(diff, pair[0], pair[1]) + " ORDER BY 1, 2 LIMIT 3")) {
                    while (rs.next()) {
                        examples.add(String.format("%s %s: total %s/%s good %s/%s 5xx %s/%s latency %s/%s (%s)",
                                rs.getString(1), java.time.Instant.ofEpochMilli(rs.getLong(2)), rs.getObject(3), rs.getObject(4),
                                rs.getObject(5), rs.getObject(6), rs.getObject(7), rs.getObject(8), rs.getObject(9),
                                rs.getObject(10), pair[2]));
                    }
                }
            }
            String pct;
            try (ResultSet rs = st.executeQuery("SELECT count(*),"
                    + " median(abs(x.p50 - y.p50) / y.p50), median(abs(x.p95 - y.p95) / y.p95), median(abs(x.p99 - y.p99) / y.p99)"
                    + " FROM s x JOIN d y USING (journey, m) WHERE x.regions = 1 AND y.with_latency >= 100 AND y.p50 > 0")) {
                rs.next();
                pct = rs.getLong(1) == 0 ? "no minute with >= 100 latencies to compare percentiles"
                        : String.format("percentiles, sliflow's DDSketch vs DuckDB's exact quantile_cont over %,d journey-minutes"
                                + " with >= 100 requests: median relative difference p50 %.3f%%, p95 %.3f%%, p99 %.3f%% (for"
                                + " information: quantile_cont interpolates between neighbouring values, the sketch answers"
                                + " a value at the rank within 0.5%%, so sparse tails differ more)",
                                rs.getLong(1), 100 * rs.getDouble(2), 100 * rs.getDouble(3), 100 * rs.getDouble(4));
            }
            return new Result(keys, requests, sliVsBare, duckVsBare, gl, lost, lossMinutes, examples, pct);
        }
    }

    /** What the lean DuckDB query wrote: it does less than the others, so only that it ran and wrote rows is checked. */
    public record Lean(long rows, long journeys, long requests) {
        public boolean wroteRows() {
            return rows > 0 && requests > 0;
        }

        public String describe(long bareRequests) {
            return String.format("%s: %,d journey-minutes of %,d journeys (NULL = no prefix matched), %,d lines counted"
                    + " (the bare scan's requests: %,d; lean (not the same work): no validation, no rejects, no excludes,"
                    + " no time zone, prefixes, lines without a latency skipped)", wroteRows() ? "lean DuckDB query wrote rows"
                    : "LEAN DUCKDB QUERY WROTE NO ROWS", rows, journeys, requests, bareRequests);
        }
    }

    /** The rows, distinct non-NULL journeys and summed totals of the lean DuckDB query's Parquet file. */
    public static Lean lean(Path leanParquet) throws Exception {
        String l = "read_parquet('" + leanParquet.toAbsolutePath() + "')";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            return new Lean(one(st, "SELECT count(*) FROM " + l), one(st, "SELECT count(DISTINCT journey) FROM " + l),
                    one(st, "SELECT coalesce(sum(total), 0) FROM " + l));
        }
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
