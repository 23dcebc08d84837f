package dev.sliflow.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded scenario of raw nginx access logs as a server writes and rotates them: a few days of requests
 * (quiet minutes with a handful, busy minutes with bursts), several journeys, statuses that are good and
 * bad, latencies (a few exactly at a threshold, a few missing), excluded and unmatched routes, garbage
 * lines (some at the very start of a file), split into files by a logrotate at a fixed hour (so every file
 * but the first and last crosses midnight) — and optionally one file "resent" late: older lines whose
 * name sorts after the rotated files (a host whose shipping was delayed), which a stream sees last.
 *
 * <p>Everything follows from {@link Spec}: the same spec writes the same bytes.
 */
final class DiffScenario {
    /** What to generate. {@code rotateHour}: logrotate's hour (UTC); {@code lateFile}: add the resent file. */
    record Spec(long seed, LocalDate start, int days, int lines, int rotateHour, boolean lateFile) {
        /** A random spec of about {@code lines} lines from {@code seed}. */
        static Spec random(long seed, int lines) {
            Random r = new Random(seed);
            return new Spec(seed, LocalDate.of(2026, 1 + r.nextInt(12), 1 + r.nextInt(28)), 2 + r.nextInt(2), lines,
                    r.nextInt(24), true);
        }

        @Override
        public String toString() {
            return "seed " + seed + " (" + days + " days from " + start + ", ~" + lines + " lines, rotated at "
                    + rotateHour + ":00" + (lateFile ? ", three late resent files" : "") + ")";
        }
    }

    final Spec spec;
    final Path dir;
    final Path logs;
    final Path journeys;
    /** The log files, in path order. */
    final List<Path> files = new ArrayList<>();

    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

    private DiffScenario(Spec spec, Path dir) {
        this.spec = spec;
        this.dir = dir;
        this.logs = dir.resolve("logs");
        this.journeys = dir.resolve("journeys.yaml");
    }

    /** Writes the scenario's logs under {@code dir/logs} and its catalog as {@code dir/journeys.yaml}. */
    static DiffScenario write(Spec spec, Path dir) throws IOException {
        DiffScenario s = new DiffScenario(spec, dir);
        Files.createDirectories(s.logs);
        Files.writeString(s.journeys, DiffCatalog.YAML);
        s.generate();
        return s;
    }

    private void generate() throws IOException {
        Random r = new Random(spec.seed() * 31 + 7);
        long from = spec.start().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        int minutes = spec.days() * 1440;
        // busy minutes take about half the lines, in bursts; the others get a few lines or none
        double[] weight = new double[minutes];
        double sum = 0;
        for (int m = 0; m < minutes; m++) {
            weight[m] = r.nextInt(100) < 4 ? 20 + r.nextInt(200) : (r.nextInt(100) < 40 ? 0 : r.nextDouble() * 2);
            sum += weight[m];
        }
        List<long[]> writes = new ArrayList<>(); // {write time ms, line index}
        List<String> text = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            long n = Math.round(weight[m] / sum * spec.lines() + (r.nextDouble() - 0.5));
            for (int i = 0; i < n; i++) {
                long written = from + m * 60_000L + r.nextInt(60) * 1000L;
                // nginx logs when a request ends: a slow one carries an earlier time than its neighbours
                long ts = r.nextInt(100) < 3 ? written - (1 + r.nextInt(20)) * 1000L : written;
                writes.add(new long[] {written, text.size()});
                text.add(line(r, ts));
            }
        }
        writes.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        // logrotate at rotateHour each day: the file rotated on day D holds (D-1 h .. D h]; the current one
        // is rotated at the end too, so every file has a dated name and path order is time order
        long firstRotation = from + spec.rotateHour() * 3_600_000L;
        List<List<String>> byFile = new ArrayList<>();
        List<Long> rotatedAt = new ArrayList<>();
        int fileIdx = -1;
        long nextRotation = Long.MIN_VALUE;
        for (long[] w : writes) {
            while (w[0] >= nextRotation) {
                nextRotation = nextRotation == Long.MIN_VALUE ? firstRotation : nextRotation + 86_400_000L;
                byFile.add(new ArrayList<>());
                rotatedAt.add(nextRotation);
                fileIdx++;
            }
            List<String> f = byFile.get(fileIdx);
            if (r.nextInt(100) < 1) {
                f.add(garbage(r));
            }
            f.add(text.get((int) w[1]));
        }
        for (int i = 0; i < byFile.size(); i++) {
            List<String> f = byFile.get(i);
            if (f.isEmpty()) {
                continue;
            }
            if (i == 1) {
                f.add(0, garbage(r)); // a file starting with garbage: its rejects take the next parsed line's date
            }
            String name = "access.log-" + ROTATED.format(Instant.ofEpochMilli(rotatedAt.get(i)).atZone(ZoneOffset.UTC));
            writeFile(logs.resolve(name), f, rotatedAt.get(i));
        }
        if (spec.lateFile()) {
            // other hosts' logs shipped late, named to sort after every rotated file. Two hold the last six hours:
            // older than the newest rotated lines but newer than the end of the file before, so a stream reader
            // that read an earlier file (or none) does not see them as late by its own clock (item 2 of issue 27)
            long lateFromEnd = from + spec.days() * 86_400_000L - 6 * 3_600_000L;
            for (String host : List.of("host1", "host2", "host3")) {
                // host1: the first six hours, older than every reader's clock (after a restore: item 3 of issue 27)
                long lateFrom = host.equals("host1") ? from : lateFromEnd;
                List<String> late = new ArrayList<>();
                long n = Math.max(20, spec.lines() / 40);
                for (int i = 0; i < n; i++) {
                    long ts = lateFrom + (long) i * (6 * 3_600_000L) / n + r.nextInt(1000);
                    if (r.nextInt(100) < 2) {
                        late.add(garbage(r));
                    }
                    late.add(line(r, ts));
                }
                writeFile(logs.resolve("resent-" + host + "-access.log"), late, lateFrom + 6 * 3_600_000L);
            }
        }
        files.sort(null);
    }

    private void writeFile(Path p, List<String> lines, long mtime) throws IOException {
        Files.write(p, lines, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtime));
        files.add(p);
    }

    private static String line(Random r, long ts) {
        String[] req = request(r);
        int st = status(r);
        String time = CLF.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC));
        String ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
        String base = ip + " - - [" + time + "] \"" + req[0] + " " + req[1] + " HTTP/1.1\" " + st + " " + r.nextInt(5000)
                + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
        if (r.nextInt(100) < 4) {
            return base; // plain combined: no $request_time, no latency
        }
        return base + " " + seconds(latencyMs(r));
    }

    /** {method, path with an optional query}. */
    private static String[] request(Random r) {
        int k = r.nextInt(100);
        if (k < 20) {
            return new String[] {"POST", "/api/v1/checkout"};
        } else if (k < 27) {
            return new String[] {"GET", "/api/v1/checkout/" + (1000 + r.nextInt(9000))};
        } else if (k < 50) {
            return new String[] {"GET", "/products/" + (r.nextBoolean() ? String.valueOf(r.nextInt(100_000)) : "shoe-" + r.nextInt(50))};
        } else if (k < 65) {
            return new String[] {"GET", "/api/v1/search?q=item" + r.nextInt(100) + "&page=" + r.nextInt(5)};
        } else if (k < 75) {
            return new String[] {"POST", "/api/v1/login"};
        } else if (k < 80) {
            return new String[] {"GET", "/docs/guide/" + (r.nextBoolean() ? "intro" : "api/v" + r.nextInt(3))};
        } else if (k < 85) {
            return new String[] {"GET", "/healthz"};
        } else if (k < 89) {
            return new String[] {"GET", "/static/css/app-" + r.nextInt(9) + ".css"};
        }
        // unmatched: another method on a journey's path, a sub-route, unknown routes (with ids and queries)
        switch (r.nextInt(5)) {
            case 0: return new String[] {"DELETE", "/api/v1/checkout"};
            case 1: return new String[] {"GET", "/products/" + r.nextInt(1000) + "/reviews"};
            case 2: return new String[] {"GET", "/admin/reports?from=2026-01-01"};
            case 3: return new String[] {"PUT", "/api/v2/cart/" + r.nextInt(100_000)};
            default: return new String[] {"GET", "/favicon.ico"};
        }
    }

    private static int status(Random r) {
        int k = r.nextInt(1000);
        if (k < 30) {
            return 500 + r.nextInt(5);
        } else if (k < 50) {
            return 429;
        } else if (k < 70) {
            return 404;
        } else if (k < 80) {
            return 301;
        }
        return k < 90 ? 201 : 200;
    }

    /** Whole milliseconds (nginx's resolution): mostly fast, a slow tail, a few exactly at a threshold, some 0. */
    private static int latencyMs(Random r) {
        int k = r.nextInt(100);
        if (k < 5) {
            int[] at = {100, 200, 250, 300, 1000};
            return at[r.nextInt(at.length)];
        } else if (k < 7) {
            return 0;
        } else if (k < 90) {
            return 1 + (int) Math.min(5000, Math.exp(r.nextGaussian() * 0.8 + 4.2));
        }
        return 200 + r.nextInt(4000);
    }

    private static String seconds(int ms) {
        return (ms / 1000) + "." + String.format(Locale.ROOT, "%03d", ms % 1000);
    }

    private static String garbage(Random r) {
        switch (r.nextInt(5)) {
            case 0: return "";
            case 1: return "this is not an access log line " + r.nextInt(1000);
            case 2: return "10.1.2.3 - - [31/Foo/2026:25:61:00 +0000] \"GET /products/1 HTTP/1.1\" 200 12 \"-\" \"x\" 0.010";
            case 3: return "10.1.2.3 - - [01/Jan/2026:00:00:01 +0000] \"GET /products/1";
            default: return "\u0000\u0001binary junk \uFFFD";
        }
    }

    /** UTC date of an epoch-ms instant, as the partitions name it. */
    static String date(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
