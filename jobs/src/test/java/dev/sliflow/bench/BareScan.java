package dev.sliflow.bench;

import dev.sliflow.ingest.Gunzip;
import dev.sliflow.journey.Journey;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.PathMatcher;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The practical limit of the benchmark suite: a bare single-pass Java scan of nginx access logs
 * doing only the minimal per-line work of an SLI job — find the timestamp (to the UTC minute),
 * method, path (query dropped), status and latency by hand-written byte scanning (no regex, no
 * String per line; line ends, the timestamp's '[' and closing quotes found eight bytes at a time,
 * as sliflow's own parser does), match the journey on the bytes (only the rules whose first path
 * segment can match: {@link Candidates}), count per journey × minute (total, good, server_errors,
 * with_latency). One thread per file, up to the number of cores; gzip through sliflow's own
 * {@link Gunzip} (ISA-L when installed, else the JDK's zlib: as the ingest reads it). Everything else
 * sliflow does (audit, rejects with reasons, percentiles and sketches, Parquet, a dataflow engine) is left out.
 *
 * <p>A line is counted as a request only when it has the shape sliflow's nginx parser accepts
 * (timestamp, quoted request with an HTTP protocol, status 100..599, bytes, quoted referer and user
 * agent), so the counts are comparable; the suite checks they equal sliflow's and DuckDB's. The
 * journey rules come from journeys.yaml (path templates; regex and host rules are not supported).
 *
 * <pre>java -cp … dev.sliflow.bench.BareScan --journeys journeys.yaml --out counts.csv [--threads N] FILE…</pre>
 * Writes {@code journey,minute_ms,total,good,server_errors,with_latency} rows (then the same four counts
 * of the requests on a line right after a line with an open double quote, which a CSV reader loses)
 * and prints one summary line with lines read and peak RSS.
 */
public final class BareScan {
    private static final int BUF = 1 << 20;
    /** Counts per journey × minute: total, good, server_errors, with_latency, then the same four for the requests
     *  on a line right after a line with an open quote (see {@link #opensQuote}). */
    static final int ROW = 8;
    private static final byte[] HTTP = "HTTP/".getBytes(StandardCharsets.US_ASCII);
    /** Offsets of the digits in "dd/Mon/yyyy:HH:mm:ss +hhmm". */
    private static final int[] TS_DIGITS = {0, 1, 7, 8, 9, 10, 12, 13, 15, 16, 18, 19, 22, 23, 24, 25};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** A journey or exclude rule on bytes: optional upper-case method, template segments (null = one segment). */
    static final class Rule {
        final byte[] method;
        final byte[][] segments;
        final boolean rest;
        final boolean[] bad = new boolean[600];

        Rule(Journey j) {
            if (j.host() != null) {
                throw new IllegalArgumentException("the bare scan does not support host rules: " + j.describe());
            }
            PathMatcher p = j.path();
            String t = p == null ? "/**" : p.describe();
            if (t.startsWith("regex:")) {
                throw new IllegalArgumentException("the bare scan does not support regex rules: " + j.describe());
            }
            method = j.method() == null ? null : j.method().getBytes(StandardCharsets.US_ASCII);
            String[] parts = t.substring(1).split("/", -1);
            rest = parts[parts.length - 1].equals("**");
            int n = rest ? parts.length - 1 : parts.length;
            segments = new byte[n][];
            for (int i = 0; i < n; i++) {
                String s = parts[i];
                segments[i] = s.startsWith("{") || s.equals("*") ? null : s.getBytes(StandardCharsets.UTF_8);
            }
            for (int s = 100; s < 600; s++) {
                bad[s] = j.badStatus() != null && j.badStatus().isBad(s);
            }
        }

        boolean matches(byte[] b, int ms, int me, int ps, int pe) {
            if (method != null) {
                if (me - ms != method.length) {
                    return false;
                }
                for (int i = 0; i < method.length; i++) {
                    int c = b[ms + i];
                    if (c >= 'a' && c <= 'z') {
                        c -= 32;
                    }
                    if (c != method[i]) {
                        return false;
                    }
                }
            }
            int pos = ps + 1;
            for (byte[] lit : segments) {
                if (pos > pe) {
                    return false;
                }
                int end = pos;
                while (end < pe && b[end] != '/') {
                    end++;
                }
                if (lit == null) {
                    if (end == pos) {
                        return false;
                    }
                } else {
                    if (end - pos != lit.length) {
                        return false;
                    }
                    for (int i = 0; i < lit.length; i++) {
                        if (b[pos + i] != lit[i]) {
                            return false;
                        }
                    }
                }
                pos = end + 1;
            }
            return rest || pos == pe + 1;
        }
    }

    /** Per-thread counts. */
    static final class Counts {
        final Map<Long, long[]> perMinute = new HashMap<>();
        final long[] lastMinute;
        final long[][] lastRow;
        /** Whether the previous line of the current file left a double quote open. */
        boolean openQuote;
        long lines;
        long parsed;
        long rejected;
        long matched;
        long excluded;
        long unmatched;
        // timestamp cache: the "dd/Mon/yyyy" bytes of the last line and their epoch day
        final byte[] lastDate = new byte[11];
        long lastEpochDay = Long.MIN_VALUE;

        Counts(int journeys) {
            lastMinute = new long[journeys];
            Arrays.fill(lastMinute, Long.MIN_VALUE);
            lastRow = new long[journeys][];
        }

        long[] row(int j, long minute) {
            if (lastMinute[j] == minute) {
                return lastRow[j];
            }
            long[] r = perMinute.computeIfAbsent(minute * 1024 + j, k -> new long[ROW]);
            lastMinute[j] = minute;
            lastRow[j] = r;
            return r;
        }
    }

    /**
     * The rules that can match a path, by its first segment: those whose template starts with that
     * literal segment and those starting with a parameter or {@code **}, in catalog order (first match
     * wins), so a path is checked against a few rules, not all.
     */
    static final class Candidates {
        final byte[][] firsts;
        final int[][] byFirst;
        final int[] any;

        Candidates(Rule[] rules) {
            // one pass in catalog order: a rule starting with a parameter or ** joins every list (and the
            // lists made later start with those before them), a literal one the list of its segment
            Map<String, List<Integer>> lists = new LinkedHashMap<>();
            List<Integer> anyList = new ArrayList<>();
            for (int i = 0; i < rules.length; i++) {
                byte[] first = rules[i].segments.length > 0 ? rules[i].segments[0] : null;
                if (first == null) {
                    anyList.add(i);
                    for (List<Integer> l : lists.values()) {
                        l.add(i);
                    }
                } else {
                    lists.computeIfAbsent(new String(first, StandardCharsets.UTF_8), k -> new ArrayList<>(anyList)).add(i);
                }
            }
            firsts = new byte[lists.size()][];
            byFirst = new int[lists.size()][];
            int k = 0;
            for (Map.Entry<String, List<Integer>> e : lists.entrySet()) {
                firsts[k] = e.getKey().getBytes(StandardCharsets.UTF_8);
                byFirst[k++] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            }
            any = anyList.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The rules to try for the path {@code b[ps, pe)} (it starts with '/'), in order. */
        int[] of(byte[] b, int ps, int pe) {
            int from = ps + 1;
            int len = find(b, from, pe, (byte) '/') - from;
            for (int k = 0; k < firsts.length; k++) {
                byte[] f = firsts[k];
                if (f.length == len && Arrays.equals(f, 0, len, b, from, from + len)) {
                    return byFirst[k];
                }
            }
            return any;
        }
    }

    private final Rule[] journeys;
    private final Rule[] excludes;
    private final Candidates journeyCandidates;
    private final Candidates excludeCandidates;

    BareScan(JourneyCatalog catalog) {
        journeys = catalog.journeys().stream().map(Rule::new).toArray(Rule[]::new);
        excludes = catalog.excludes().stream().map(Rule::new).toArray(Rule[]::new);
        journeyCandidates = new Candidates(journeys);
        excludeCandidates = new Candidates(excludes);
        if (journeys.length > 1024) {
            throw new IllegalArgumentException("at most 1024 journeys");
        }
    }

    public static void main(String[] args) throws Exception {
        Path journeysYaml = null;
        Path out = null;
        int threads = Runtime.getRuntime().availableProcessors();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--journeys" -> journeysYaml = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        if (journeysYaml == null || out == null || files.isEmpty()) {
            System.err.println("usage: BareScan --journeys FILE --out FILE.csv [--threads N] FILE...");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        JourneyCatalog catalog = CatalogLoader.load(journeysYaml);
        Counts total = new BareScan(catalog).scan(files, threads);
        write(total, catalog, out);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("bare scan finished in %.2f s: %d file(s), %,d lines (%,.0f lines/s), parsed %,d = matched %,d"
                        + " + excluded %,d + unmatched %,d, rejected %,d, %d thread(s), %s%n", s, files.size(), total.lines,
                total.lines / s, total.parsed, total.matched, total.excluded, total.unmatched, total.rejected,
                Math.min(threads, files.size()), dev.sliflow.cli.Memory.describe());
    }

    /** Scans the files, one thread per file up to {@code threads}, biggest first; returns the merged counts. */
    Counts scan(List<Path> files, int threads) throws Exception {
        List<Path> order = new ArrayList<>(files);
        order.sort((a, b) -> Long.compare(size(b), size(a)));
        AtomicInteger next = new AtomicInteger();
        int n = Math.max(1, Math.min(threads, order.size()));
        List<Counts> parts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < n; t++) {
            Counts c = new Counts(journeys.length);
            parts.add(c);
            Thread w = new Thread(() -> {
                try {
                    byte[] buf = new byte[BUF];
                    for (int i; (i = next.getAndIncrement()) < order.size(); ) {
                        buf = scanFile(order.get(i), buf, c);
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "scan-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("scan failed: " + failure[0], failure[0]);
        }
        Counts all = new Counts(journeys.length);
        for (Counts c : parts) {
            all.lines += c.lines;
            all.parsed += c.parsed;
            all.rejected += c.rejected;
            all.matched += c.matched;
            all.excluded += c.excluded;
            all.unmatched += c.unmatched;
            for (Map.Entry<Long, long[]> e : c.perMinute.entrySet()) {
                long[] into = all.perMinute.computeIfAbsent(e.getKey(), k -> new long[ROW]);
                for (int i = 0; i < ROW; i++) {
                    into[i] += e.getValue()[i];
                }
            }
        }
        return all;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private byte[] scanFile(Path file, byte[] buf, Counts c) throws IOException {
        c.openQuote = false;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? Gunzip.open(raw) : raw) {
            int len = 0;
            while (true) {
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    break;
                }
                len += r;
                int start = 0;
                for (int i; (i = find(buf, start, len, (byte) '\n')) < len; start = i + 1) {
                    line(buf, start, i, c);
                }
                if (start == 0 && len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                } else {
                    System.arraycopy(buf, start, buf, 0, len - start);
                    len -= start;
                }
            }
            if (len > 0) {
                line(buf, 0, len, c);
            }
        }
        return buf;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /**
     * The first index of {@code x} in {@code b[from, to)}, or {@code to}: eight bytes per step (a zero
     * byte of {@code word ^ x…x} found with the usual bit trick, exact for the lowest one).
     */
    static int find(byte[] b, int from, int to, byte x) {
        long pattern = (x & 0xffL) * LOW_BITS;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long v = (long) LONGS.get(b, i) ^ pattern;
            long zero = (v - LOW_BITS) & ~v & HIGH_BITS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        while (i < to && b[i] != x) {
            i++;
        }
        return i;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int d2(byte[] b, int i) {
        return (b[i] - '0') * 10 + (b[i + 1] - '0');
    }

    /** The minimal per-line work on {@code b[s, e)}. */
    void line(byte[] b, int s, int e, Counts c) {
        c.lines++;
        if (e > s && b[e - 1] == '\r') {
            e--;
        }
        boolean afterOpenQuote = c.openQuote;
        c.openQuote = false;
        if (!request(b, s, e, c, afterOpenQuote)) {
            c.rejected++;
            c.openQuote = opensQuote(b, s, e);
        }
    }

    /**
     * Only for rejected lines (rare): whether the line ends inside a quoted value by the rules of a CSV
     * reader with delimiter ' ' and quote/escape '"' (a quote opens a value only at its start; "" inside
     * is a quote). The DuckDB peer then reads the next line as part of that value and loses it; the bare
     * scan counts such next lines apart so the check can tell this from any other difference.
     */
    static boolean opensQuote(byte[] b, int s, int e) {
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = s; i < e; i++) {
            byte ch = b[i];
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < e && b[i + 1] == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (ch == ' ') {
                fieldStart = true;
            } else {
                quoted = ch == '"' && fieldStart;
                fieldStart = false;
            }
        }
        return quoted;
    }

    /** Parses and counts one line; false when sliflow's nginx parser would reject it. */
    private boolean request(byte[] b, int s, int e, Counts c, boolean afterOpenQuote) {
        // [dd/Mon/yyyy:HH:mm:ss +hhmm] "
        int br = -1;
        for (int i = find(b, s + 1, e, (byte) '['); i + 3 < e; i = find(b, i + 1, e, (byte) '[')) {
            if (b[i - 1] == ' ' && digit(b[i + 1]) && digit(b[i + 2]) && b[i + 3] == '/') {
                br = i;
                break;
            }
        }
        int t = br + 1;
        if (br < 0 || t + 28 >= e || b[t + 2] != '/' || b[t + 6] != '/' || b[t + 11] != ':' || b[t + 14] != ':'
                || b[t + 17] != ':' || b[t + 20] != ' ' || b[t + 26] != ']' || b[t + 27] != ' ' || b[t + 28] != '"') {
            return false;

        }
        for (int k : TS_DIGITS) {
            if (!digit(b[t + k])) {
                return false;

            }
        }
        int sign = b[t + 21] == '+' ? 1 : b[t + 21] == '-' ? -1 : 0;
        if (sign == 0) {
            return false;

        }
        long day = epochDay(b, t, c);
        int hh = d2(b, t + 12);
        int mi = d2(b, t + 15);
        if (day == Long.MIN_VALUE || hh > 23 || mi > 59 || d2(b, t + 18) > 60) {
            return false;

        }
        long minute = day * 1440 + hh * 60 + mi - sign * (d2(b, t + 22) * 60 + d2(b, t + 24));
        // "METHOD PATH PROTOCOL"
        int q0 = t + 29;
        int qe = find(b, q0, e, (byte) '"');
        if (qe + 1 >= e || b[qe + 1] != ' ') {
            return false;

        }
        int sp1 = q0;
        while (sp1 < qe && b[sp1] != ' ') {
            sp1++;
        }
        int sp2 = qe - 1;
        while (sp2 > sp1 && b[sp2] != ' ') {
            sp2--;
        }
        if (sp1 >= qe || sp2 == sp1 || sp1 == q0 || sp1 - q0 > 20 || qe - sp2 - 1 < HTTP.length) {
            return false;

        }
        for (int i = 0; i < HTTP.length; i++) {
            if (b[sp2 + 1 + i] != HTTP[i]) {
                return false;

            }
        }
        for (int i = q0; i < sp1; i++) {
            int ch = b[i] | 0x20;
            if (ch < 'a' || ch > 'z') {
                return false;

            }
        }
        int ps = sp1 + 1;
        while (ps < sp2 && b[ps] == ' ') {
            ps++;
        }
        int pe = sp2;
        while (pe > ps && b[pe - 1] == ' ') {
            pe--;
        }
        if (ps >= pe || b[ps] != '/') {
            return false; // sliflow also takes absolute URLs and '*'; the generator writes neither

        }
        int pathEnd = ps;
        while (pathEnd < pe && b[pathEnd] != '?' && b[pathEnd] != '#') {
            pathEnd++;
        }
        // status, bytes
        int ss = qe + 2;
        int se = ss;
        int status = 0;
        while (se < e && b[se] != ' ') {
            if (!digit(b[se]) || se - ss >= 3) {
                return false;

            }
            status = status * 10 + (b[se] - '0');
            se++;
        }
        if (se >= e || status < 100 || status > 599) {
            return false;

        }
        int bs = se + 1;
        int be = bs;
        while (be < e && b[be] != ' ') {
            be++;
        }
        if (be == bs || !(be - bs == 1 && b[bs] == '-') && !allDigits(b, bs, be)) {
            return false;

        }
        // "referer" "user agent"
        int p = be;
        for (int field = 0; field < 2; field++) {
            if (p + 1 >= e || b[p] != ' ' || b[p + 1] != '"') {
                return false;

            }
            int close = find(b, p + 2, e, (byte) '"');
            if (close >= e) {
                return false;

            }
            p = close + 1;
        }
        // $request_time: seconds with a millisecond fraction -> ms
        while (p < e && b[p] == ' ') {
            p++;
        }
        long latencyMs = -1;
        if (p < e && digit(b[p])) {
            long ms = 0;
            int frac = -1;
            for (; p < e && b[p] != ' '; p++) {
                byte ch = b[p];
                if (ch == '.' && frac < 0) {
                    frac = 0;
                } else if (digit(ch)) {
                    if (frac < 0) {
                        ms = ms * 10 + (ch - '0');
                    } else if (frac < 3) {
                        ms = ms * 10 + (ch - '0');
                        frac++;
                    }
                } else {
                    return false;

                }
            }
            for (int f = Math.max(frac, 0); f < 3; f++) {
                ms *= 10;
            }
            latencyMs = ms;
        }
        c.parsed++;
        for (int x : excludeCandidates.of(b, ps, pathEnd)) {
            if (excludes[x].matches(b, q0, sp1, ps, pathEnd)) {
                c.excluded++;
                return true;
            }
        }
        for (int j : journeyCandidates.of(b, ps, pathEnd)) {
            Rule r = journeys[j];
            if (r.matches(b, q0, sp1, ps, pathEnd)) {
                c.matched++;
                long[] row = c.row(j, minute);
                row[0]++;
                if (!r.bad[status]) {
                    row[1]++;
                }
                if (status >= 500) {
                    row[2]++;
                }
                if (latencyMs >= 0) {
                    row[3]++;
                }
                if (afterOpenQuote) {
                    row[4]++;
                    row[5] += r.bad[status] ? 0 : 1;
                    row[6] += status >= 500 ? 1 : 0;
                    row[7] += latencyMs >= 0 ? 1 : 0;
                }
                return true;
            }
        }
        c.unmatched++;
        return true;
    }

    private static boolean allDigits(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!digit(b[i])) {
                return false;
            }
        }
        return to > from;
    }

    /** Epoch day of "dd/Mon/yyyy" at {@code b[t]}, cached for the last date seen; MIN_VALUE when invalid. */
    private static long epochDay(byte[] b, int t, Counts c) {
        if (c.lastEpochDay != Long.MIN_VALUE && Arrays.equals(b, t, t + 11, c.lastDate, 0, 11)) {
            return c.lastEpochDay;
        }
        String mon = new String(b, t + 3, 3, StandardCharsets.US_ASCII);
        int m = Arrays.asList(MONTHS).indexOf(mon) + 1;
        int d = d2(b, t);
        int y = d2(b, t + 7) * 100 + d2(b, t + 9);
        if (m == 0 || d < 1 || d > 31) {
            return Long.MIN_VALUE;
        }
        long day;
        try {
            day = LocalDate.of(y, m, d).toEpochDay();
        } catch (java.time.DateTimeException ex) {
            return Long.MIN_VALUE;
        }
        System.arraycopy(b, t, c.lastDate, 0, 11);
        c.lastEpochDay = day;
        return day;
    }

    /** Writes the counts as CSV, ordered by journey index and minute. */
    static void write(Counts c, JourneyCatalog catalog, Path out) throws IOException {
        TreeMap<Long, long[]> sorted = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : c.perMinute.entrySet()) {
            long key = e.getKey();
            sorted.put((key & 1023) << 40 | (key >> 10), e.getValue());
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("journey,minute_ms,total,good,server_errors,with_latency,"
                    + "after_open_quote_total,after_open_quote_good,after_open_quote_server_errors,after_open_quote_with_latency\n");
            for (Map.Entry<Long, long[]> e : sorted.entrySet()) {
                int j = (int) (e.getKey() >>> 40);
                long minute = e.getKey() & ((1L << 40) - 1);
                long[] v = e.getValue();
                StringBuilder line = new StringBuilder(catalog.journey(j).name()).append(',').append(minute * 60_000L);
                for (long x : v) {
                    line.append(',').append(x);
                }
                w.write(line.append('\n').toString());
            }
        }
    }
}
