package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.config.YamlNode;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-line work without Flink: accounting of every line, rejects' dates, range filter. */
class IngestCoreTest {
    static final JourneyCatalog CATALOG = CatalogLoader.fromYaml(YamlNode.parse("j.yaml", new StringReader(String.join("\n",
            "defaults: {latency_thresholds_ms: [100, 500]}",
            "journeys:",
            "  - {name: checkout, match: {method: POST, path: /api/v1/checkout}}",
            "  - {name: product, match: {method: GET, path: \"/products/{id}\"}}",
            "exclude:",
            "  - {path: /healthz}",
            ""))));

    static String nginx(String ts, String req, int status, String secs) {
        return "203.0.113.9 - - [" + ts + "] \"" + req + " HTTP/1.1\" " + status + " 10 \"-\" \"curl/8\" " + secs + " " + secs;
    }

    static final class Collect implements IngestCore.Emitter {
        final List<SliPartial> partials = new ArrayList<>();
        final List<RejectRow> rejects = new ArrayList<>();
        final List<AuditRow> audits = new ArrayList<>();
        final List<UnmatchedRow> unmatched = new ArrayList<>();

        @Override
        public void unmatched(UnmatchedRow u) {
            unmatched.add(u);
        }

        @Override
        public void partial(SliPartial p) {
            partials.add(p);
        }

        @Override
        public void reject(RejectRow r) {
            rejects.add(r);
        }

        @Override
        public void audit(AuditRow a) {
            audits.add(a);
        }
    }

    /** A file auto cannot tell (as one landing in a stream): every line a reject saying so, no format guessed. */
    @Test
    void aFileInNoKnownFormatIsRejectedLineByLineAsUnknownNotReadAsNginx() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.AUTO, DateRange.all(), 65536, c);
        String[] lines = {"ts\tmetric\tvalue", "2026-03-01T00:00:00Z\tcpu\t0.5", "2026-03-01T00:01:00Z\tcpu\t0.7"};
        for (int i = 0; i < lines.length; i++) {
            core.line("/logs/metrics.tsv", 0L, i + 1, lines[i]);
        }
        core.finishAll();
        assertThat(c.partials).isEmpty();
        assertThat(c.rejects).hasSize(3).allSatisfy(r -> assertThat(r.reasonCode).isEqualTo("unknown_format"));
        assertThat(c.audits).isNotEmpty().allSatisfy(a -> {
            assertThat(a.format).as("the audit says the format was not detected").isEqualTo("auto");
            assertThat(a.rejected).isEqualTo(a.linesRead);
        });
    }

    /**
     * A W3C (IIS) file: its directives are no requests — counted in non_access, not rejected — and are filed
     * under the date of the nearest request; read = parsed + rejected + non_access on every audit row. A
     * second #Fields: (a restart) changes the layout from the next line on.
     */
    @Test
    void w3cDirectivesAreCountedApartFromRejects() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.AUTO, DateRange.all(), 65536, c);
        String[] lines = {
            "#Software: Microsoft Internet Information Services 10.0",
            "#Version: 1.0",
            "#Date: 2026-03-01 23:59:00",
            "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port c-ip sc-status time-taken",
            "2026-03-01 23:59:58 10.0.0.1 POST /api/v1/checkout token=abc 443 192.0.2.1 200 31",
            "2026-03-01 23:59:59 10.0.0.1 POST /api/v1/checkout - 443 192.0.2.1 oops 31", // bad status: a reject
            "#Software: Microsoft Internet Information Services 10.0",
            "#Fields: date time cs-method cs-uri-stem sc-status time-taken",
            "2026-03-02 00:00:01 GET /products/7 503 1200",
        };
        for (int i = 0; i < lines.length; i++) {
            core.line("/logs/u_ex260301.log", 0L, i + 1, lines[i]);
        }
        core.finishAll();
        assertThat(c.rejects).hasSize(1);
        assertThat(c.rejects.get(0).lineNumber).isEqualTo(6);
        assertThat(c.audits).allSatisfy(a -> {
            assertThat(a.format).isEqualTo("w3c");
            assertThat(a.linesRead).isEqualTo(a.parsed + a.rejected + a.nonAccess);
        });
        AuditRow first = c.audits.stream().filter(a -> a.dt.equals("2026-03-01")).findFirst().orElseThrow();
        AuditRow second = c.audits.stream().filter(a -> a.dt.equals("2026-03-02")).findFirst().orElseThrow();
        // lines 1-4 wait for line 5's date; lines 7-8 take line 6's neighbour's (2026-03-01)
        assertThat(first.nonAccess).isEqualTo(6);
        assertThat(first.parsed).isEqualTo(1);
        assertThat(first.rejected).isEqualTo(1);
        assertThat(second.nonAccess).isZero();
        assertThat(second.parsed).isEqualTo(1);
        assertThat(c.partials.stream().mapToLong(p -> p.total).sum()).isEqualTo(2);
    }

    /**
     * A file in which no line has a readable date, read with --from/--to: its lines are rejects filed under the
     * file's modification date (outside the range here, so not written), counted as rejects in the run's totals,
     * never as lines outside the range (the file must not look clean). A dated file's reject next to lines outside
     * the range is outside the range with them.
     */
    @Test
    void linesWithoutAReadableDateAreRejectsNeverOutsideTheRange() {
        Collect c = new Collect();
        DateRange march2 = new DateRange(java.time.LocalDate.parse("2026-03-02"), java.time.LocalDate.parse("2026-03-02"));
        IngestCore core = new IngestCore(CATALOG, LogFormat.NGINX, march2, 65536, c);
        long mtime = java.time.Instant.parse("2026-03-05T08:00:00Z").toEpochMilli(); // outside the range
        core.line("/logs/garbage.log", mtime, 1, "no date here");
        core.line("/logs/garbage.log", mtime, 2, "nor here");
        core.finishFile();
        core.line("/logs/a.log", mtime, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/7", 200, "0.050"));
        core.line("/logs/a.log", mtime, 2, "junk between two lines of March 1st");
        core.line("/logs/a.log", mtime, 3, nginx("01/Mar/2026:10:00:01 +0000", "GET /products/7", 200, "0.050"));
        core.finishAll();
        IngestCore.Counters k = core.counters();
        assertThat(k.undatedRejects).as("the undated file's lines").isEqualTo(2);
        assertThat(k.outOfRange).as("March 1st's lines and the reject among them").isEqualTo(3);
        assertThat(k.rejected).isZero();
        assertThat(k.read).isEqualTo(k.parsed + k.rejected + k.nonAccess + k.outOfRange + k.undatedRejects);
        assertThat(c.rejects).isEmpty();
    }

    @Test
    void everyLineIsAccountedFor() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.NGINX, DateRange.all(), 65536, c);
        String[] lines = {
            "garbage before any timestamp",
            nginx("01/Mar/2026:23:59:59 +0000", "POST /api/v1/checkout?token=abc", 200, "0.050"),
            nginx("02/Mar/2026:00:00:01 +0000", "POST /api/v1/checkout", 503, "0.700"),
            "\u0016\u0003\u0001 junk",
            nginx("02/Mar/2026:00:00:30 +0000", "GET /products/7", 200, "0.120"),
            nginx("02/Mar/2026:00:00:31 +0000", "GET /healthz", 200, "0.001"),
            nginx("02/Mar/2026:00:00:32 +0000", "GET /nowhere", 404, "0.001"),
            nginx("02/Mar/2026:01:00:00 +0200", "GET /products/8", 200, "0.090"), // = 2026-03-01T23:00Z
        };
        for (int i = 0; i < lines.length; i++) {
            core.line("/logs/a.log", 0L, i + 1, lines[i]);
        }
        core.finishAll();

        assertThat(c.rejects).hasSize(2);
        assertThat(c.rejects.get(0).lineNumber).isEqualTo(1);
        assertThat(c.rejects.get(0).dt).isEqualTo("2026-03-01"); // dated by the next parsed line
        assertThat(c.rejects.get(1).lineNumber).isEqualTo(4);
        assertThat(c.rejects.get(1).dt).isEqualTo("2026-03-02"); // dated by the previous parsed line
        long read = c.audits.stream().mapToLong(a -> a.linesRead).sum();
        long parsed = c.audits.stream().mapToLong(a -> a.parsed).sum();
        long rejected = c.audits.stream().mapToLong(a -> a.rejected).sum();
        assertThat(read).isEqualTo(lines.length);
        assertThat(parsed + rejected).isEqualTo(read);
        for (AuditRow a : c.audits) {
            assertThat(a.linesRead).isEqualTo(a.parsed + a.rejected);
            assertThat(a.parsed).isEqualTo(a.matched + a.excluded + a.unmatched);
        }
        AuditRow d2 = c.audits.stream().filter(a -> a.dt.equals("2026-03-02")).findFirst().orElseThrow();
        assertThat(d2.matched).isEqualTo(2);
        assertThat(d2.excluded).isEqualTo(1);
        assertThat(d2.unmatched).isEqualTo(1);
        assertThat(d2.rejected).isEqualTo(1);

        SliPartial checkout2 = c.partials.stream()
                .filter(p -> p.journey.equals("checkout") && Dates.dt(p.minute).equals("2026-03-02"))
                .findFirst().orElseThrow();
        assertThat(checkout2.total).isEqualTo(1);
        assertThat(checkout2.good).isEqualTo(0);
        assertThat(checkout2.serverErrors).isEqualTo(1);
        assertThat(checkout2.goodLatency).containsExactly(0, 0);
        SliPartial product1 = c.partials.stream()
                .filter(p -> p.journey.equals("product") && Dates.dt(p.minute).equals("2026-03-01"))
                .findFirst().orElseThrow();
        assertThat(product1.minute).isEqualTo(java.time.Instant.parse("2026-03-01T23:00:00Z").toEpochMilli());
        assertThat(product1.goodLatency).containsExactly(1, 1);
    }

    @Test
    void rangeFilterCountsButDoesNotWriteOtherDates() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.NGINX,
                new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02")), 65536, c);
        core.line("f", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.line("f", 0, 2, nginx("02/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.line("f", 0, 3, nginx("03/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.finishAll();
        assertThat(c.audits).extracting(a -> a.dt).containsExactly("2026-03-02");
        assertThat(c.partials).hasSize(1);
        assertThat(core.counters().outOfRange).isEqualTo(2);
        assertThat(core.counters().read).isEqualTo(3);
    }

    @Test
    void autoDetectsPerFileAndFileWithoutTimestampsUsesModificationDate() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.AUTO, DateRange.all(), 65536, c);
        long mtime = java.time.Instant.parse("2026-04-05T12:00:00Z").toEpochMilli();
        core.line("junk.log", mtime, 1, "not a log line");
        core.line("junk.log", mtime, 2, "");
        core.line("ok.log", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.finishAll();
        assertThat(c.rejects).hasSize(2).allSatisfy(r -> assertThat(r.dt).isEqualTo("2026-04-05"));
        assertThat(c.audits).filteredOn(a -> a.file.equals("ok.log")).singleElement()
                .satisfies(a -> assertThat(a.format).isEqualTo("nginx"));
    }

    @Test
    void overlongLinesAreRejected() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.NGINX, DateRange.all(), 300, c);
        core.line("f", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.line("f", 0, 2, "x".repeat(301));
        core.finishAll();
        assertThat(c.rejects).singleElement().satisfies(r -> assertThat(r.reasonCode).isEqualTo("line_too_long"));
    }

    @Test
    void regionFromTheFilePathOrTheHost() {
        JourneyCatalog byFile = CatalogLoader.fromYaml(YamlNode.parse("r.yaml", new StringReader(String.join("\n",
                "journeys: [{name: product, match: {path: \"/products/{id}\"}}]",
                "region: {from: file, pattern: \"logs/{region}/**\"}", ""))));
        Collect c = new Collect();
        IngestCore core = new IngestCore(byFile, LogFormat.NGINX, DateRange.all(), 65536, c);
        core.line("/data/logs/eu-west/nginx/a.log", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.line("/data/logs/us-east/nginx/a.log", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.line("/data/other/a.log", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.finishAll();
        assertThat(c.partials).extracting(p -> p.region).containsExactlyInAnyOrder("eu-west", "us-east", "");

        JourneyCatalog byHost = CatalogLoader.fromYaml(YamlNode.parse("r.yaml", new StringReader(String.join("\n",
                "journeys: [{name: product, match: {path: \"/products/{id}\"}}]",
                "region: {from: host, pattern: \"^(?<region>[a-z]+)\\\\.shop\"}", ""))));
        Collect h = new Collect();
        IngestCore hc = new IngestCore(byHost, LogFormat.NGINX, DateRange.all(), 65536, h);
        hc.line("f", 0, 1, "eu.shop.example.com " + nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        hc.line("f", 0, 2, "us.shop.example.com " + nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        hc.finishAll();
        assertThat(h.partials).extracting(p -> p.region).containsExactlyInAnyOrder("eu", "us");
    }

    static final String ALB_HOST = "https 2026-03-01T10:%02d:%02d.000000Z app/my-lb/490d 192.168.1.13:44740 10.0.0.1:80"
            + " 0.001 0.%03d 0.000 %d 200 167 2 \"GET https://%s:443/products/%d HTTP/1.1\" \"ua\" - - arn \"Root=1\""
            + " \"-\" \"-\" 0 2026-03-01T10:00:00.000000Z \"forward\"";

    /** Sums over the partials: total, good, server errors, with latency, good within each threshold. */
    static long[] totals(List<SliPartial> partials) {
        long[] t = new long[6];
        for (SliPartial p : partials) {
            t[0] += p.total;
            t[1] += p.good;
            t[2] += p.serverErrors;
            t[3] += p.withLatency;
            t[4] += p.goodLatency[0];
            t[5] += p.goodLatency[1];
        }
        return t;
    }

    /**
     * 1,500 distinct request hosts as regions (any scanner can send them) in one ALB file: the run
     * goes on, the first 100 hosts (the default cap) keep their region, the others are folded into
     * "(other)", and the totals equal those of the run without regions (issue 27, item 6).
     */
    @Test
    void hostileHostsAreFoldedIntoOtherAndTheTotalsStay() {
        JourneyCatalog byHost = CatalogLoader.fromYaml(YamlNode.parse("r.yaml", new StringReader(String.join("\n",
                "defaults: {latency_thresholds_ms: [100, 500]}",
                "journeys: [{name: product, match: {path: \"/products/{id}\"}}]",
                "region: {from: host}", ""))));
        JourneyCatalog noRegion = CatalogLoader.fromYaml(YamlNode.parse("n.yaml", new StringReader(String.join("\n",
                "defaults: {latency_thresholds_ms: [100, 500]}",
                "journeys: [{name: product, match: {path: \"/products/{id}\"}}]", ""))));
        List<String> lines = new ArrayList<>();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int i = 0; i < 3_000; i++) {
            int host = i % 1_500;
            lines.add(String.format(ALB_HOST, i / 600, i % 60, rnd.nextInt(1000), rnd.nextInt(10) == 0 ? 503 : 200,
                    "h" + host + ".scan.example", i));
        }
        Collect regions = new Collect();
        Collect plain = new Collect();
        for (Object[] run : new Object[][] {{byHost, regions}, {noRegion, plain}}) {
            IngestCore core = new IngestCore((JourneyCatalog) run[0], LogFormat.ALB, DateRange.all(), 65536, (Collect) run[1]);
            for (int i = 0; i < lines.size(); i++) {
                core.line("alb.log", 0, i + 1, lines.get(i));
            }
            core.finishAll();
        }
        assertThat(totals(regions.partials)).containsExactly(totals(plain.partials));
        assertThat(totals(regions.partials)[0]).isEqualTo(3_000);
        java.util.Set<String> names = new java.util.TreeSet<>();
        regions.partials.forEach(p -> names.add(p.region));
        assertThat(names).hasSize(101).contains("(other)", "h0.scan.example", "h99.scan.example")
                .doesNotContain("h100.scan.example");
        long folded = regions.partials.stream().filter(p -> p.region.equals("(other)")).mapToLong(p -> p.total).sum();
        assertThat(folded).isEqualTo(2 * 1_400);
        // the audit says how many lines were folded, per file and date; the other columns are as without regions
        assertThat(regions.audits).singleElement().satisfies(a -> {
            assertThat(a.regionOverflow).isEqualTo(2 * 1_400);
            assertThat(a.matched).isEqualTo(3_000);
        });
        assertThat(plain.audits).singleElement().satisfies(a -> assertThat(a.regionOverflow).isZero());
    }

    /**
     * The cap counts per file (issue 27: which regions fold into "(other)" must not depend on the files a
     * reader read before, or one run per file would not equal one run over all): regions from the file
     * path are one per file, so a cap of 2 folds none of them, whatever their order.
     */
    @Test
    void maxRegionsCountsPerFileSoFileRegionsAreNeverFolded() {
        JourneyCatalog byFile = CatalogLoader.fromYaml(YamlNode.parse("r.yaml", new StringReader(String.join("\n",
                "journeys: [{name: product, match: {path: \"/products/{id}\"}}]",
                "region: {from: file, pattern: \"logs/{region}/**\", max_regions: 2}", ""))));
        Collect c = new Collect();
        IngestCore core = new IngestCore(byFile, LogFormat.NGINX, DateRange.all(), 65536, c);
        for (String r : new String[] {"eu", "us", "ap", "eu", "sa"}) {
            String f = "/data/logs/" + r + "/a-" + c.audits.size() + ".log";
            core.line(f, 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
            core.line(f, 0, 2, nginx("01/Mar/2026:10:00:01 +0000", "GET /products/2", 200, "0.1"));
            core.line(f, 0, 3, nginx("01/Mar/2026:10:00:02 +0000", "GET /healthz", 200, "0.1"));
            core.finishFile();
        }
        core.finishAll();
        java.util.Map<String, Long> byRegion = new java.util.TreeMap<>();
        c.partials.forEach(p -> byRegion.merge(p.region, p.total, Long::sum));
        assertThat(byRegion).containsExactly(java.util.Map.entry("ap", 2L), java.util.Map.entry("eu", 4L),
                java.util.Map.entry("sa", 2L), java.util.Map.entry("us", 2L));
        assertThat(c.audits).extracting(a -> a.regionOverflow).containsExactly(0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void unmatchedRequestsAreCountedByPathShapeWithoutIdsOrQueries() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.NGINX, DateRange.all(), 65536, c);
        core.line("f", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /users/123/orders?token=abc", 200, "0.1"));
        core.line("f", 0, 2, nginx("01/Mar/2026:10:00:01 +0000", "GET /users/987/orders", 200, "0.1"));
        core.line("f", 0, 3, nginx("01/Mar/2026:10:00:02 +0000", "GET /reset/jane@example.com", 200, "0.1"));
        core.line("f", 0, 4, nginx("01/Mar/2026:10:00:03 +0000", "PUT /v2/5f2b9c1e7a/blob", 200, "0.1"));
        core.line("f", 0, 5, nginx("01/Mar/2026:10:00:04 +0000", "GET /products/7", 200, "0.1")); // a journey
        core.finishAll();
        assertThat(c.unmatched).extracting(u -> u.method + " " + u.path + " " + u.requests).containsExactlyInAnyOrder(
                "GET /users/{id}/orders 2", "GET /reset/{id} 1", "PUT /v2/{id}/blob 1");
        assertThat(c.unmatched).allSatisfy(u -> assertThat(u.dt).isEqualTo("2026-03-01"));
        assertThat(c.audits.get(0).unmatched).isEqualTo(4);
        assertThat(UnmatchedRow.shape("/api/v1/orders/3fa85f64-5717-4562-b3fc-2c963f66afa6")).isEqualTo("/api/v1/orders/{id}");
        assertThat(UnmatchedRow.shape("/")).isEqualTo("/");
        assertThat(UnmatchedRow.shape("/static/app.js")).isEqualTo("/static/app.js");
    }

    @Test
    void beyondTheLimitRejectsAreCountedButNotKept() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.NGINX, DateRange.all(), 65536, c).limitRejectsPerFile(3);
        core.line("f", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        for (int i = 2; i <= 11; i++) {
            core.line("f", 0, i, "garbage " + i);
        }
        core.line("g", 0, 1, nginx("01/Mar/2026:10:00:00 +0000", "GET /products/1", 200, "0.1"));
        core.line("g", 0, 2, "garbage in another file");
        core.finishAll();
        assertThat(c.rejects).extracting(r -> r.file + ":" + r.lineNumber).containsExactly("f:2", "f:3", "f:4", "g:2");
        AuditRow f = c.audits.stream().filter(a -> a.file.equals("f")).findFirst().orElseThrow();
        assertThat(f.rejected).isEqualTo(10);
        assertThat(f.rejectsNotKept).isEqualTo(7);
        assertThat(f.linesRead).isEqualTo(f.parsed + f.rejected);
    }

    /**
     * Memory stays flat in input size: minutes more than a few minutes from the current line are
     * emitted while reading, and a line arriving later for an emitted minute starts a new partial —
     * the merged partials still equal one accumulator per minute.
     */
    @Test
    void minutesAwayFromTheCurrentLineAreEmittedEarlyAndLateLinesStillCount() {
        Collect c = new Collect();
        IngestCore core = new IngestCore(CATALOG, LogFormat.NGINX, DateRange.all(), 65536, c);
        int n = 0;
        java.util.Map<Long, long[]> expected = new java.util.TreeMap<>(); // minute -> {total, good}
        for (int m = 0; m < 600; m++) { // ten hours, 3 lines a minute
            for (int k = 0; k < 3; k++) {
                int status = (m + k) % 7 == 0 ? 503 : 200;
                String ts = String.format("01/Mar/2026:%02d:%02d:%02d +0000", m / 60, m % 60, k * 10);
                core.line("/logs/a.log", 0L, ++n, nginx(ts, "GET /products/1", status, "0.050"));
                long minute = java.time.Instant.parse(String.format("2026-03-01T%02d:%02d:00Z", m / 60, m % 60)).toEpochMilli();
                long[] e = expected.computeIfAbsent(minute, x -> new long[2]);
                e[0]++;
                e[1] += status < 500 ? 1 : 0;
            }
            if (m == 300) {
                // emitted while reading, not held to the end
                assertThat(c.partials.size()).isGreaterThan(290);
                // a line 4 hours late for an already emitted minute
                core.line("/logs/a.log", 0L, ++n, nginx("01/Mar/2026:01:00:05 +0000", "GET /products/1", 200, "0.050"));
                expected.get(java.time.Instant.parse("2026-03-01T01:00:00Z").toEpochMilli())[0]++;
                expected.get(java.time.Instant.parse("2026-03-01T01:00:00Z").toEpochMilli())[1]++;
            }
        }
        core.finishAll();
        java.util.Map<Long, SliPartial> merged = new java.util.TreeMap<>();
        for (SliPartial p : c.partials) {
            merged.merge(p.minute, p, SliPartial::merge);
        }
        assertThat(c.partials).hasSize(601); // one minute has two partials
        assertThat(merged.keySet()).containsExactlyElementsOf(expected.keySet());
        for (var e : expected.entrySet()) {
            SliPartial p = merged.get(e.getKey());
            assertThat(new long[] {p.total, p.good}).as("minute %d", e.getKey()).containsExactly(e.getValue());
            assertThat(SliMinuteRow.of(p).p50).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.5));
        }
    }

    /**
     * Sketches are reused (a pooled sketch keeps its widest array) only while fewer than
     * {@link IngestCore#POOLED_OPEN_MAX} accumulators are open; with more open (800 regions × 7
     * minutes), and wide and narrow latency ranges mixed, every journey-minute still equals one plain
     * accumulator fed its lines.
     */
    @Test
    void manyOpenMinutesPooledOrNotEqualPlainAccumulators() {
        JourneyCatalog byHost = CatalogLoader.fromYaml(YamlNode.parse("r.yaml", new StringReader(String.join("\n",
                "defaults: {latency_thresholds_ms: [100, 500]}",
                "journeys: [{name: product, match: {path: \"/products/{id}\"}}]",
                "region: {from: host, pattern: \"^(?<region>r[0-9]+)\\\\.shop\", max_regions: 1000}", ""))));
        int regions = 800;
        assertThat(regions * (2 * IngestCore.OPEN_MINUTES_AROUND + 1)).isGreaterThan(IngestCore.POOLED_OPEN_MAX);
        int[] th = {100, 500};
        Collect c = new Collect();
        IngestCore core = new IngestCore(byHost, LogFormat.NGINX, DateRange.all(), 65536, c);
        java.util.Map<String, dev.sliflow.sli.SliAccumulator> want = new java.util.HashMap<>();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        long lineNo = 0;
        for (int step = 0; step < 12; step++) {
            for (int ahead : new int[] {0, (int) IngestCore.OPEN_MINUTES_AROUND}) {
                int minute = step + ahead;
                for (int r = 0; r < regions; r++) {
                    double secs = r % 3 == 0 ? Math.exp(rnd.nextDouble() * 13 - 6.9) : 0.1 + rnd.nextInt(50) / 1000.0;
                    String s = String.format(java.util.Locale.ROOT, "%.3f", secs);
                    int status = rnd.nextInt(20) == 0 ? 503 : 200;
                    core.line("f", 0, ++lineNo, "r" + r + ".shop.example.com " + nginx(
                            String.format(java.util.Locale.ROOT, "01/Mar/2026:10:%02d:%02d +0000", minute, rnd.nextInt(60)),
                            "GET /products/" + r, status, s));
                    want.computeIfAbsent("r" + r + " " + minute, k -> new dev.sliflow.sli.SliAccumulator(th))
                            .add(status, status >= 500, new java.math.BigDecimal(s).movePointRight(6).longValueExact()); // µs
                }
            }
        }
        core.finishAll();
        java.util.Map<String, dev.sliflow.sli.SliAccumulator> got = new java.util.HashMap<>();
        for (SliPartial p : c.partials) {
            String key = p.region + " " + java.time.Instant.ofEpochMilli(p.minute).atZone(java.time.ZoneOffset.UTC).getMinute();
            dev.sliflow.sli.SliAccumulator a = p.toAccumulator();
            got.merge(key, a, dev.sliflow.sli.SliAccumulator::merge);
        }
        assertThat(got.keySet()).isEqualTo(want.keySet());
        for (String k : want.keySet()) {
            dev.sliflow.sli.SliAccumulator g = got.get(k);
            dev.sliflow.sli.SliAccumulator w = want.get(k);
            assertThat(g.total()).as(k).isEqualTo(w.total());
            assertThat(g.good()).as(k).isEqualTo(w.good());
            assertThat(g.goodLatency()).as(k).containsExactly(w.goodLatency());
            assertThat(g.sketchBytes()).as(k).isEqualTo(w.sketchBytes());
        }
    }
}
