package dev.sliflow.diff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares an output folder with the {@link Reference}, table by table and key by key, and says precisely
 * what differs: {@code sli_minute [checkout | '' | 2026-06-02T03:17:00Z]: total expected 12, actual 9}.
 *
 * <p>Batch output must equal the reference exactly. A stream may write a journey request to
 * {@code late_events} instead of {@code sli_minute} (SPEC, Exactly-once): each late row must name a real
 * matched line (file, line number, event time, journey) once, and then the expected {@code sli_minute}
 * is the reference without those lines and the audit counts them as {@code late} — so every request is
 * in exactly one of the two, and nothing is left to timing. A stream writes one audit row per file,
 * date and checkpoint (jobs/STREAMING.md): they are summed; in batch a second row for a file and date is a
 * difference.
 */
final class TableCheck {
    /** How many differences per table are spelled out (the rest are counted). */
    static final int SHOWN = 12;

    private final Reference ref;
    private final Path out;
    private final boolean stream;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> perTable = new TreeMap<>();
    /** "file:line" of the lines the stream wrote as late. */
    private final Set<String> late = new HashSet<>();
    /**
     * Late partials (aggregate late_events rows: requests of one journey × region × minute that reached a
     * minute the windows had closed): requests per minute key. Which lines they were is not known, so their
     * minutes are checked on total only: sli_minute's total + these = the reference's.
     */
    private final Map<String, Long> latePartials = new HashMap<>();

    private TableCheck(Reference ref, Path out, boolean stream) {
        this.ref = ref;
        this.out = out;
        this.stream = stream;
    }

    /** The differences of {@code out} from the reference; empty when the tables are right. */
    static List<String> differences(Reference ref, Path out, boolean stream) throws Exception {
        TableCheck c = new TableCheck(ref, out, stream);
        c.lateEvents();
        c.sliMinute();
        c.rollups();
        c.audit();
        c.rejects();
        c.unmatched();
        List<String> all = new ArrayList<>();
        all.add(c.totals());
        for (Map.Entry<String, Integer> e : c.perTable.entrySet()) {
            all.add(e.getKey() + ": " + e.getValue() + " difference(s)");
        }
        all.addAll(c.problems);
        return c.problems.isEmpty() ? List.of() : all;
    }

    /** Journey requests expected vs found in sli_minute and late_events, for the first line of a report. */
    private String totals() throws Exception {
        List<Map<String, Object>> m = ProductTables.rows(out, "sli_minute", "SUM(total) AS n, COUNT(*) AS r");
        List<Map<String, Object>> l = ProductTables.rows(out, "late_events", "SUM(requests) AS n");
        return "journey requests: expected " + ref.matchedCount() + " in " + ref.sliMinute(Set.of()).size()
                + " minute rows; found " + (m.isEmpty() ? 0 : ProductTables.asLong(m.get(0).get("n"))) + " in "
                + (m.isEmpty() ? 0 : ProductTables.asLong(m.get(0).get("r"))) + " sli_minute rows + "
                + (l.isEmpty() ? 0 : ProductTables.asLong(l.get(0).get("n"))) + " in late_events";
    }

    private void problem(String table, String text) {
        int n = perTable.merge(table, 1, Integer::sum);
        if (n <= SHOWN) {
            problems.add("  " + table + " " + text);
        }
    }

    private void lateEvents() throws Exception {
        List<Map<String, Object>> rows = ProductTables.rows(out, "late_events",
                "file, line_number, epoch_ms(event_time) AS event_time, journey, region, epoch_ms(\"minute\") AS \"minute\","
                        + " requests, dt");
        if (!stream && !rows.isEmpty()) {
            problem("late_events", "has " + rows.size() + " rows after a batch run: expected none");
            return;
        }
        Map<String, Reference.Parsed> matched = ref.matchedLines();
        for (Map<String, Object> r : rows) {
            if (r.get("line_number") == null) {
                latePartials.merge(Reference.minuteKey((String) r.get("journey"), (String) r.get("region"),
                        ProductTables.asLong(r.get("minute"))), ProductTables.asLong(r.get("requests")), Long::sum);
                continue;
            }
            String key = r.get("file") + ":" + ProductTables.asLong(r.get("line_number"));
            Reference.Parsed p = matched.get(key);
            if (p == null) {
                problem("late_events", "[" + key + "]: names no matched journey request of the input");
            } else if (p.ts() != ProductTables.asLong(r.get("event_time"))
                    || !DiffCatalog.JOURNEYS.get(p.kind()).name().equals(r.get("journey")) || !p.dt().equals(r.get("dt"))) {
                problem("late_events", "[" + key + "]: expected event_time=" + java.time.Instant.ofEpochMilli(p.ts())
                        + " journey=" + DiffCatalog.JOURNEYS.get(p.kind()).name() + " dt=" + p.dt() + ", actual " + r);
            }
            if (!late.add(key)) {
                problem("late_events", "[" + key + "]: the same line twice");
            }
        }
    }

    private void sliMinute() throws Exception {
        Map<String, Reference.Minute> want = ref.sliMinute(late);
        List<Map<String, Object>> rows = ProductTables.rows(out, "sli_minute",
                "journey, region, epoch_ms(\"minute\") AS \"minute\", total, good, server_errors, with_latency, "
                        + "CAST(good_latency AS VARCHAR) AS good_latency, p50_ms, p90_ms, p95_ms, p99_ms, p999_ms, dt");
        Map<String, Map<String, Object>> got = new HashMap<>();
        Map<String, List<Long>> dupTotals = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            long minute = ProductTables.asLong(r.get("minute"));
            String key = Reference.minuteKey((String) r.get("journey"), (String) r.get("region"), minute);
            Map<String, Object> before = got.put(key, r);
            if (before != null) {
                dupTotals.computeIfAbsent(key, k -> new ArrayList<>(List.of(ProductTables.asLong(before.get("total")))))
                        .add(ProductTables.asLong(r.get("total")));
            }
            if (!DiffScenario.date(minute).equals(r.get("dt"))) {
                problem("sli_minute", "[" + key + "]: in partition dt=" + r.get("dt") + ", expected dt=" + DiffScenario.date(minute));
            }
        }
        for (Map.Entry<String, List<Long>> e : dupTotals.entrySet()) {
            Reference.Minute m = want.get(e.getKey());
            problem("sli_minute", "[" + e.getKey() + "]: " + e.getValue().size() + " rows for the key, totals " + e.getValue()
                    + "; expected one row" + (m == null ? " (none at all)" : ", total " + m.total));
            want.remove(e.getKey());
            got.remove(e.getKey());
        }
        for (Map.Entry<String, Reference.Minute> e : want.entrySet()) {
            Reference.Minute m = e.getValue();
            Map<String, Object> r = got.remove(e.getKey());
            Long latePartial = latePartials.remove(e.getKey());
            if (latePartial != null) {
                long found = (r == null ? 0 : ProductTables.asLong(r.get("total"))) + latePartial;
                compare("sli_minute", e.getKey(), "total + late partials' requests", m.total, found);
                continue;
            }
            if (r == null) {
                problem("sli_minute", "[" + e.getKey() + "]: missing row (expected total=" + m.total + " good=" + m.good + ")");
                continue;
            }
            compareRow("sli_minute", e.getKey(), m, r);
        }
        for (Map.Entry<String, Map<String, Object>> e : got.entrySet()) {
            problem("sli_minute", "[" + e.getKey() + "]: unexpected row " + e.getValue());
        }
        for (Map.Entry<String, Long> e : latePartials.entrySet()) {
            problem("late_events", "[" + e.getKey() + "]: " + e.getValue() + " late requests of a minute without requests");
        }
    }

    private void audit() throws Exception {
        Map<String, Reference.Audit> want = ref.audit(late);
        List<Map<String, Object>> rows = ProductTables.rows(out, "ingest_audit",
                "file, dt, lines_read, parsed, rejected, matched, excluded, unmatched, late, "
                        + "epoch_ms(first_ts) AS first_ts, epoch_ms(last_ts) AS last_ts");
        Map<String, Reference.Audit> got = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            String key = Reference.auditKey((String) r.get("file"), (String) r.get("dt"));
            Reference.Audit a = got.get(key);
            if (a == null) {
                a = new Reference.Audit();
                got.put(key, a);
            } else if (!stream) {
                problem("ingest_audit", "[" + key + "]: more than one row for the file and date in a batch output");
            }
            a.read += ProductTables.asLong(r.get("lines_read"));
            a.parsed += ProductTables.asLong(r.get("parsed"));
            a.rejected += ProductTables.asLong(r.get("rejected"));
            a.matched += ProductTables.asLong(r.get("matched"));
            a.excluded += ProductTables.asLong(r.get("excluded"));
            a.unmatched += ProductTables.asLong(r.get("unmatched"));
            a.late += ProductTables.asLong(r.get("late"));
            if (r.get("first_ts") != null) {
                a.firstTs = Math.min(a.firstTs, ProductTables.asLong(r.get("first_ts")));
            }
            if (r.get("last_ts") != null) {
                a.lastTs = Math.max(a.lastTs, ProductTables.asLong(r.get("last_ts")));
            }
        }
        for (Map.Entry<String, Reference.Audit> e : want.entrySet()) {
            Reference.Audit a = got.remove(e.getKey());
            if (a == null) {
                problem("ingest_audit", "[" + e.getKey() + "]: missing row (expected " + e.getValue() + ")");
            } else if (!a.toString().equals(e.getValue().toString())) {
                problem("ingest_audit", "[" + e.getKey() + "]: expected " + e.getValue() + ", actual " + a);
            }
        }
        for (Map.Entry<String, Reference.Audit> e : got.entrySet()) {
            problem("ingest_audit", "[" + e.getKey() + "]: unexpected row " + e.getValue());
        }
    }

    private void rejects() throws Exception {
        Map<String, String> want = ref.rejects();
        List<Map<String, Object>> rows = ProductTables.rows(out, "rejects", "file, line_number, reason_code, reason, dt");
        Map<String, String> got = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            if (r.get("line_number") == null) {
                latePartials.merge(Reference.minuteKey((String) r.get("journey"), (String) r.get("region"),
                        ProductTables.asLong(r.get("minute"))), ProductTables.asLong(r.get("requests")), Long::sum);
                continue;
            }
            String key = r.get("file") + ":" + ProductTables.asLong(r.get("line_number"));
            if (got.put(key, (String) r.get("dt")) != null) {
                problem("rejects", "[" + key + "]: the same line twice");
            }
            if (r.get("reason_code") == null || r.get("reason_code").toString().isEmpty() || r.get("reason") == null) {
                problem("rejects", "[" + key + "]: no reason: " + r);
            }
        }
        for (Map.Entry<String, String> e : want.entrySet()) {
            String dt = got.remove(e.getKey());
            if (dt == null) {
                problem("rejects", "[" + e.getKey() + "]: missing (expected in dt=" + e.getValue() + ")");
            } else if (!dt.equals(e.getValue())) {
                problem("rejects", "[" + e.getKey() + "]: dt expected " + e.getValue() + ", actual " + dt);
            }
        }
        for (Map.Entry<String, String> e : got.entrySet()) {
            problem("rejects", "[" + e.getKey() + "]: unexpected reject in dt=" + e.getValue());
        }
    }

    private void unmatched() throws Exception {
        Map<String, Long> want = ref.unmatched();
        Map<String, Long> got = new TreeMap<>();
        // summed over any further key column (e.g. a per-file column): the contract is per date, method and shape
        for (Map<String, Object> r : ProductTables.rows(out, "unmatched_paths", "dt, \"method\", \"path\", requests")) {
            got.merge(r.get("dt") + " | " + r.get("method") + " | " + r.get("path"), ProductTables.asLong(r.get("requests")), Long::sum);
        }
        for (Map.Entry<String, Long> e : want.entrySet()) {
            Long n = got.remove(e.getKey());
            if (!Objects.equals(n, e.getValue())) {
                problem("unmatched_paths", "[" + e.getKey() + "]: requests expected " + e.getValue() + ", actual " + n);
            }
        }
        for (Map.Entry<String, Long> e : got.entrySet()) {
            problem("unmatched_paths", "[" + e.getKey() + "]: unexpected row, requests " + e.getValue());
        }
    }

    /** A row's counts, good_latency and percentiles (within 1% of the exact ones) against the reference's. */
    private void compareRow(String table, String key, Reference.Minute m, Map<String, Object> r) {
        compare(table, key, "total", m.total, ProductTables.asLong(r.get("total")));
        compare(table, key, "good", m.good, ProductTables.asLong(r.get("good")));
        compare(table, key, "server_errors", m.serverErrors, ProductTables.asLong(r.get("server_errors")));
        compare(table, key, "with_latency", m.latencies.size(), ProductTables.asLong(r.get("with_latency")));
        Map<Integer, Long> gl = ProductTables.intLongMap(r.get("good_latency"));
        if (!gl.equals(m.goodLatency)) {
            problem(table, "[" + key + "]: good_latency expected " + m.goodLatency + ", actual " + gl);
        }
        for (int i = 0; i < Reference.QUANTILES.length; i++) {
            Double p = ProductTables.asDouble(r.get(Reference.QUANTILE_COLUMNS[i]));
            String col = Reference.QUANTILE_COLUMNS[i];
            if (m.latencies.isEmpty()) {
                if (p != null) {
                    problem(table, "[" + key + "]: " + col + " expected null (no latency), actual " + p);
                }
                continue;
            }
            double[] x = m.exact(Reference.QUANTILES[i]);
            // the promise: within 1% relative of the exact value (any rank convention between the two neighbours)
            if (p == null || p < x[0] * 0.99 || p > x[1] * 1.01) {
                problem(table, "[" + key + "]: " + col + " expected within 1% of "
                        + (x[0] == x[1] ? String.valueOf(x[0]) : "[" + x[0] + ", " + x[1] + "]") + " ms ("
                        + m.latencies.size() + " latencies), actual " + p);
            }
        }
    }

    /**
     * Batch: sli_hour and sli_day are the reference's minutes rolled up: counts exact, percentiles within 1%
     * of the exact ones over all requests of the hour or day. (A stream writes no rollups.)
     */
    private void rollups() throws Exception {
        if (stream) {
            return;
        }
        rollup("sli_hour", "epoch_ms(\"hour\")", 3_600_000L);
        rollup("sli_day", "epoch_ms(CAST(\"day\" AS TIMESTAMP))", 86_400_000L);
    }

    private void rollup(String table, String startMs, long millis) throws Exception {
        Map<String, Reference.Minute> want = new TreeMap<>();
        for (Reference.Minute m : ref.sliMinute(Set.of()).values()) {
            long start = Math.floorDiv(m.minute, millis) * millis;
            Reference.Minute b = want.computeIfAbsent(Reference.minuteKey(m.journey, m.region, start),
                    k -> new Reference.Minute(m.journey, start, new int[0]));
            b.total += m.total;
            b.good += m.good;
            b.serverErrors += m.serverErrors;
            b.latencies.addAll(m.latencies);
            m.goodLatency.forEach((t, n) -> b.goodLatency.merge(t, n, Long::sum));
        }
        Map<String, Map<String, Object>> got = new HashMap<>();
        for (Map<String, Object> r : ProductTables.rows(out, table, "journey, region, " + startMs + " AS t, total, good,"
                + " server_errors, with_latency, CAST(good_latency AS VARCHAR) AS good_latency, p50_ms, p90_ms, p95_ms,"
                + " p99_ms, p999_ms")) {
            String key = Reference.minuteKey((String) r.get("journey"), (String) r.get("region"), ProductTables.asLong(r.get("t")));
            if (got.put(key, r) != null) {
                problem(table, "[" + key + "]: several rows for the key");
            }
        }
        for (Map.Entry<String, Reference.Minute> e : want.entrySet()) {
            Map<String, Object> r = got.remove(e.getKey());
            if (r == null) {
                problem(table, "[" + e.getKey() + "]: missing row (expected total=" + e.getValue().total + ")");
                continue;
            }
            compareRow(table, e.getKey(), e.getValue(), r);
        }
        for (Map.Entry<String, Map<String, Object>> e : got.entrySet()) {
            problem(table, "[" + e.getKey() + "]: unexpected row " + e.getValue());
        }
    }

    private void compare(String table, String key, String column, long expected, long actual) {
        if (expected != actual) {
            problem(table, "[" + key + "]: " + column + " expected " + expected + ", actual " + actual);
        }
    }
}
