package dev.sliflow.diff;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the ingest tables must hold for a set of raw files, computed the slow and obvious way: one thread,
 * every line of every file in memory, a regular expression per line, sorted lists for exact percentiles.
 * It shares no code with the product's parsing or aggregation (no {@code dev.sliflow.parse/ingest/sli/journey}
 * class), so a bug there cannot hide by being on both sides. It encodes the contracts (SPEC.md, the guides'
 * table descriptions, sql/ddl), not the implementation:
 * <ul>
 * <li>{@code sli_minute}: per journey × region ('' : no region rule) × UTC minute; total, good (status not
 * bad for the journey), server_errors (5xx), with_latency, good_latency[t] (good and latency ≤ t ms),
 * percentiles within 1% relative of the exact value.
 * <li>{@code ingest_audit}: per file × event date; read = parsed + rejected; parsed = matched + excluded +
 * unmatched (+ late in a stream); first/last timestamp of the parsed lines.
 * <li>{@code rejects}: file, 1-based line number, dated by the nearest parsed line of its file: the previous
 * one, or the next when the file starts with rejects, or the file's modification date when it has no
 * parsed line (jobs/INGEST.md "Dates"; IngestCore's Javadoc says the same).
 * <li>{@code unmatched_paths}: per date, method and path shape (query dropped; all-digit segments become
 * {@code {id}}: the only id shape the scenarios use, so the wider list of jobs/OPERATIONS.md does not matter here).
 * </ul>
 * The request time is read as exact decimal seconds (nginx writes milliseconds): the product may not round
 * a latency across a threshold.
 */
final class Reference {
    /**
     * nginx "combined" with an optional {@code $request_time}. Deliberately strict: the scenarios' garbage
     * lines (empty, prose, a bad date, a truncated request, binary) fail it, as they must fail the product.
     */
    private static final Pattern NGINX = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"([A-Z]+) (\\S+) HTTP/1\\.[01]\" (\\d{3}) (\\d+) \"[^\"]*\" \"[^\"]*\"(?: (\\d+\\.\\d{3}))?$");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    static final double[] QUANTILES = {0.50, 0.90, 0.95, 0.99, 0.999};
    static final String[] QUANTILE_COLUMNS = {"p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms"};

    /** Kind of a parsed line: a journey index ≥ 0, or one of these. */
    static final int EXCLUDED = -1;
    static final int UNMATCHED = -2;

    /** One parsed line. {@code latencyMs} is NaN when the line has none. */
    record Parsed(String file, long lineNo, long ts, String method, String path, int status, double latencyMs, int kind) {
        String dt() {
            return DiffScenario.date(ts);
        }
    }

    /** One rejected line with the date the contract files it under. */
    record Rejected(String file, long lineNo, String dt) {}

    final List<Parsed> parsed = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();

    /** Reads {@code files} (plain text) as the product names them: by their absolute path. */
    static Reference of(Collection<Path> files) throws IOException {
        Reference ref = new Reference();
        for (Path f : files) {
            ref.read(f);
        }
        return ref;
    }

    private void read(Path f) throws IOException {
        String name = f.toAbsolutePath().toString();
        String all = Files.readString(f, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(all.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the newline that ends the last line starts no line
        }
        List<Long> waiting = new ArrayList<>(); // rejects before the file's first parsed line
        String lastDt = null;
        for (int i = 0; i < lines.size(); i++) {
            long lineNo = i + 1;
            Parsed p = parse(name, lineNo, lines.get(i));
            if (p == null) {
                if (lastDt == null) {
                    waiting.add(lineNo);
                } else {
                    rejected.add(new Rejected(name, lineNo, lastDt));
                }
                continue;
            }
            parsed.add(p);
            lastDt = p.dt();
            for (long w : waiting) {
                rejected.add(new Rejected(name, w, lastDt));
            }
            waiting.clear();
        }
        String fallback = DiffScenario.date(Files.getLastModifiedTime(f).toMillis());
        for (long w : waiting) {
            rejected.add(new Rejected(name, w, fallback));
        }
    }

    static Parsed parse(String file, long lineNo, String line) {
        Matcher m = NGINX.matcher(line);
        if (!m.matches()) {
            return null;
        }
        long ts;
        try {
            ts = ZonedDateTime.parse(m.group(2), CLF).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
        String method = m.group(3);
        String target = m.group(4);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        int status = Integer.parseInt(m.group(5));
        double latency = m.group(7) == null ? Double.NaN : new BigDecimal(m.group(7)).movePointRight(3).doubleValue();
        return new Parsed(file, lineNo, ts, method, path, status, latency, classify(method, path));
    }

    static int classify(String method, String path) {
        for (Pattern p : DiffCatalog.EXCLUDED) {
            if (p.matcher(path).matches()) {
                return EXCLUDED;
            }
        }
        for (int j = 0; j < DiffCatalog.JOURNEYS.size(); j++) {
            DiffCatalog.Journey jr = DiffCatalog.JOURNEYS.get(j);
            if (jr.method().equals(method) && jr.path().matcher(path).matches()) {
                return j;
            }
        }
        return UNMATCHED;
    }

    static String shape(String path) {
        return Arrays.stream(path.split("/", -1)).map(s -> !s.isEmpty() && s.chars().allMatch(Character::isDigit) ? "{id}" : s)
                .reduce((a, b) -> a + "/" + b).orElse("/");
    }

    // ---- the tables ----

    /** An expected sli_minute row. */
    static final class Minute {
        final String journey;
        final String region = "";
        final long minute;
        long total;
        long good;
        long serverErrors;
        final List<Double> latencies = new ArrayList<>();
        final Map<Integer, Long> goodLatency = new TreeMap<>();

        Minute(String journey, long minute, int[] thresholds) {
            this.journey = journey;
            this.minute = minute;
            for (int t : thresholds) {
                goodLatency.put(t, 0L);
            }
        }

        /** The exact values at the lower and upper rank of quantile q (equal when the rank is whole). */
        double[] exact(double q) {
            List<Double> s = new ArrayList<>(latencies);
            s.sort(null);
            double rank = q * (s.size() - 1);
            return new double[] {s.get((int) Math.floor(rank)), s.get((int) Math.ceil(rank))};
        }
    }

    /** Key of sli_minute rows: journey, region, minute (epoch ms). */
    static String minuteKey(String journey, String region, long minute) {
        return journey + " | " + (region.isEmpty() ? "''" : region) + " | " + java.time.Instant.ofEpochMilli(minute);
    }

    /** sli_minute over the matched lines, leaving out {@code skip} ("file:line" of lines written as late). */
    Map<String, Minute> sliMinute(Set<String> skip) {
        Map<String, Minute> rows = new TreeMap<>();
        for (Parsed p : parsed) {
            if (p.kind() < 0 || skip.contains(p.file() + ":" + p.lineNo())) {
                continue;
            }
            DiffCatalog.Journey j = DiffCatalog.JOURNEYS.get(p.kind());
            long minute = Math.floorDiv(p.ts(), 60_000L) * 60_000L;
            Minute m = rows.computeIfAbsent(minuteKey(j.name(), "", minute), k -> new Minute(j.name(), minute, j.thresholdsMs()));
            m.total++;
            boolean bad = j.bad(p.status());
            if (!bad) {
                m.good++;
            }
            if (p.status() >= 500 && p.status() <= 599) {
                m.serverErrors++;
            }
            if (!Double.isNaN(p.latencyMs())) {
                m.latencies.add(p.latencyMs());
                if (!bad) {
                    for (int t : j.thresholdsMs()) {
                        if (p.latencyMs() <= t) {
                            m.goodLatency.merge(t, 1L, Long::sum);
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** An expected ingest_audit row (per file and date). */
    static final class Audit {
        long read;
        long parsed;
        long rejected;
        long matched;
        long excluded;
        long unmatched;
        long late;
        long firstTs = Long.MAX_VALUE;
        long lastTs = Long.MIN_VALUE;

        @Override
        public String toString() {
            return "read=" + read + " parsed=" + parsed + " rejected=" + rejected + " matched=" + matched + " excluded="
                    + excluded + " unmatched=" + unmatched + " late=" + late + " first_ts="
                    + (firstTs == Long.MAX_VALUE ? "null" : java.time.Instant.ofEpochMilli(firstTs)) + " last_ts="
                    + (lastTs == Long.MIN_VALUE ? "null" : java.time.Instant.ofEpochMilli(lastTs));
        }
    }

    /** Key of ingest_audit rows: file, date. */
    static String auditKey(String file, String dt) {
        return file + " | " + dt;
    }

    /** ingest_audit; lines in {@code late} ("file:line") count as late instead of matched. */
    Map<String, Audit> audit(Set<String> late) {
        Map<String, Audit> rows = new TreeMap<>();
        for (Parsed p : parsed) {
            Audit a = rows.computeIfAbsent(auditKey(p.file(), p.dt()), k -> new Audit());
            a.read++;
            a.parsed++;
            if (p.kind() == EXCLUDED) {
                a.excluded++;
            } else if (p.kind() == UNMATCHED) {
                a.unmatched++;
            } else if (late.contains(p.file() + ":" + p.lineNo())) {
                a.late++;
            } else {
                a.matched++;
            }
            a.firstTs = Math.min(a.firstTs, p.ts());
            a.lastTs = Math.max(a.lastTs, p.ts());
        }
        for (Rejected r : rejected) {
            Audit a = rows.computeIfAbsent(auditKey(r.file(), r.dt()), k -> new Audit());
            a.read++;
            a.rejected++;
        }
        return rows;
    }

    /** rejects as "file:line" → date. */
    Map<String, String> rejects() {
        Map<String, String> m = new TreeMap<>();
        for (Rejected r : rejected) {
            m.put(r.file() + ":" + r.lineNo(), r.dt());
        }
        return m;
    }

    /** unmatched_paths as "dt | method | shape" → requests. */
    Map<String, Long> unmatched() {
        Map<String, Long> m = new TreeMap<>();
        for (Parsed p : parsed) {
            if (p.kind() == UNMATCHED) {
                m.merge(p.dt() + " | " + p.method() + " | " + shape(p.path()), 1L, Long::sum);
            }
        }
        return m;
    }

    /** Matched lines by "file:line" (to check late_events rows against). */
    Map<String, Parsed> matchedLines() {
        Map<String, Parsed> m = new java.util.HashMap<>();
        for (Parsed p : parsed) {
            if (p.kind() >= 0) {
                m.put(p.file() + ":" + p.lineNo(), p);
            }
        }
        return m;
    }

    /** Lines of the files whose absolute path is in {@code files} (parsed + rejected). */
    long lines(Collection<Path> files) {
        Set<String> names = new java.util.HashSet<>();
        files.forEach(f -> names.add(f.toAbsolutePath().toString()));
        return parsed.stream().filter(p -> names.contains(p.file())).count()
                + rejected.stream().filter(r -> names.contains(r.file())).count();
    }

    long matchedCount() {
        return parsed.stream().filter(p -> p.kind() >= 0).count();
    }
}
