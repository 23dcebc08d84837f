package dev.sliflow.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.config.ConfigException;
import dev.sliflow.config.YamlNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSloTest {
    static final SloWindow D28 = SloWindow.rolling(28);
    static final SloWindow WEEK = SloWindow.calendar(SloWindow.Kind.CALENDAR_WEEK);
    static final SloWindow MONTH = SloWindow.calendar(SloWindow.Kind.CALENDAR_MONTH);
    static final SloWindow QUARTER = SloWindow.calendar(SloWindow.Kind.CALENDAR_QUARTER);

    /** Every supported shape: Service (ignored), SLI + indicatorRef, inline ratio good/total, bad/total, thresholdMetric. */
    static final String SHAPES = String.join("\n",
            "apiVersion: openslo/v1",
            "kind: Service",
            "metadata: {name: web-shop}",
            "spec: {description: The web shop}",
            "---",
            "apiVersion: openslo/v1",
            "kind: SLI",
            "metadata: {name: login-ok}",
            "spec:",
            "  ratioMetric:",
            "    counter: true",
            "    bad: {metricSource: {type: sliflow, spec: {journey: login}}}",
            "    total: {metricSource: {type: sliflow, spec: {journey: login}}}",
            "---",
            "apiVersion: openslo/v1",
            "kind: SLO",
            "metadata: {name: checkout-availability, displayName: Checkout availability}",
            "spec:",
            "  service: web-shop",
            "  indicator:",
            "    metadata: {name: checkout-ok}",
            "    spec:",
            "      ratioMetric:",
            "        counter: true",
            "        good: {metricSource: {type: sliflow, spec: {journey: checkout, good: availability}}}",
            "        total: {metricSource: {type: sliflow, spec: {journey: checkout}}}",
            "  timeWindow:",
            "    - {duration: 28d, isRolling: true}",
            "  budgetingMethod: Occurrences",
            "  objectives:",
            "    - {displayName: standard, target: 0.999}",
            "    - {displayName: stretch, targetPercent: 99.95}",
            "---",
            "apiVersion: openslo/v1",
            "kind: SLO",
            "metadata: {name: login-availability}",
            "spec:",
            "  service: web-shop",
            "  indicatorRef: login-ok",
            "  timeWindow:",
            "    - duration: 1M",
            "      isRolling: false",
            "      calendar: {startTime: \"2026-01-01 00:00:00\", timeZone: UTC}",
            "  budgetingMethod: Timeslices",
            "  objectives:",
            "    - {target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 1m}",
            "    - {target: 0.995}",
            "---",
            "apiVersion: openslo/v1",
            "kind: SLO",
            "metadata: {name: search-latency}",
            "spec:",
            "  service: web-shop",
            "  indicator:",
            "    metadata: {name: search-fast}",
            "    spec:",
            "      thresholdMetric: {metricSource: {type: sliflow, spec: {journey: search}}}",
            "  timeWindow:",
            "    - {duration: 1Q, isRolling: false, calendar: {startTime: \"2026-04-01 00:00:00\", timeZone: UTC}}",
            "  budgetingMethod: RatioTimeslices",
            "  objectives:",
            "    - {op: lte, value: 300, target: 0.99, timeSliceWindow: 1m}",
            "---",
            "apiVersion: openslo/v1",
            "kind: SLO",
            "metadata: {name: checkout-latency}",
            "spec:",
            "  service: web-shop",
            "  indicator:",
            "    spec:",
            "      ratioMetric:",
            "        counter: true",
            "        good: {metricSource: {type: sliflow, spec: {journey: checkout, good: latency, threshold_ms: 500}}}",
            "        total: {metricSource: {type: sliflow, spec: {journey: checkout}}}",
            "  timeWindow:",
            "    - {duration: 1w, calendar: {startTime: \"2026-01-05 00:00:00\", timeZone: Etc/UTC}}",
            "  budgetingMethod: Occurrences",
            "  objectives:",
            "    - {targetPercent: 95}",
            "");

    static final List<Candidate> SHAPES_CANDIDATES = List.of(
            new Candidate("checkout", SliKind.AVAILABILITY, 0, 0.999, D28, Budgeting.OCCURRENCES, 0.999),
            new Candidate("checkout", SliKind.AVAILABILITY, 0, 0.9995, D28, Budgeting.OCCURRENCES, 0.9995),
            new Candidate("login", SliKind.AVAILABILITY, 0, 0.99, MONTH, Budgeting.TIMESLICES, 0.95),
            new Candidate("login", SliKind.AVAILABILITY, 0, 0.995, MONTH, Budgeting.TIMESLICES, 0.995),
            new Candidate("search", SliKind.LATENCY, 300, 0.99, QUARTER, Budgeting.RATIO_TIMESLICES, 0.99),
            new Candidate("checkout", SliKind.LATENCY, 500, 0.95, WEEK, Budgeting.OCCURRENCES, 0.95));

    /** Minimum 90% &lt; 150 ms, standard 99% &lt; 200 ms, stretch 99.5% &lt; 200 ms, rolling 1 day. */
    static final List<Candidate> CHATBOT = List.of(
            new Candidate("chatbot", SliKind.LATENCY, 150, 0.90, SloWindow.rolling(1), Budgeting.OCCURRENCES, 0.90),
            new Candidate("chatbot", SliKind.LATENCY, 200, 0.99, SloWindow.rolling(1), Budgeting.OCCURRENCES, 0.99),
            new Candidate("chatbot", SliKind.LATENCY, 200, 0.995, SloWindow.rolling(1), Budgeting.OCCURRENCES, 0.995));

    /** One SLO, for the error tests: line numbers below refer to it. */
    static final String BASE = String.join("\n",
            "apiVersion: openslo/v1",
            "kind: SLO",
            "metadata: {name: search-latency}",
            "spec:",
            "  service: web-shop",
            "  indicator:",
            "    metadata: {name: search-fast}",
            "    spec:",
            "      thresholdMetric: {metricSource: {type: sliflow, spec: {journey: search}}}",
            "  timeWindow:",
            "    - {duration: 1M, isRolling: false, calendar: {startTime: \"2026-01-01 00:00:00\", timeZone: UTC}}",
            "  budgetingMethod: Timeslices",
            "  objectives:",
            "    - {target: 0.99, op: lte, value: 300, timeSliceTarget: 0.95, timeSliceWindow: 1m}",
            "");

    static List<Candidate> parse(String yaml) {
        return SloConfigLoader.parse("slo.yaml", new StringReader(yaml)).candidates();
    }

    static void assertFails(String yaml, int line, String field, String text) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("slo.yaml:" + line + ": " + field + ": ")
                .hasMessageContaining(text);
    }

    @Test
    void everySupportedShapeLoads() {
        SloConfig c = SloConfigLoader.parse("slo.yaml", new StringReader(SHAPES));
        assertThat(c.candidates()).isEqualTo(SHAPES_CANDIDATES);
        assertThat(c.tiers()).isEqualTo(AlertTier.sreWorkbook());
        assertThat(c.policy()).isEqualTo(Policy.defaults());
        assertThat(parse(BASE)).containsExactly(
                new Candidate("search", SliKind.LATENCY, 300, 0.99, MONTH, Budgeting.TIMESLICES, 0.95));
        assertThat(parse(BASE.replace("{duration: 1M, isRolling: false, calendar: {startTime: \"2026-01-01 00:00:00\", timeZone: UTC}}",
                "{duration: 4w, isRolling: true}"))).extracting(Candidate::window).containsExactly(D28);
    }

    @Test
    void chatbotTiersOfTargets() {
        assertThat(parse(String.join("\n",
                "apiVersion: openslo/v1",
                "kind: SLO",
                "metadata: {name: chatbot-latency}",
                "spec:",
                "  service: assistant",
                "  indicator:",
                "    metadata: {name: chatbot-response-time}",
                "    spec:",
                "      thresholdMetric: {metricSource: {type: sliflow, spec: {journey: chatbot}}}",
                "  timeWindow:",
                "    - {duration: 1d, isRolling: true}",
                "  budgetingMethod: Occurrences",
                "  objectives:",
                "    - {displayName: minimum, op: lte, value: 150, target: 0.90}",
                "    - {displayName: standard, op: lte, value: 200, target: 0.99}",
                "    - {displayName: stretch, op: lte, value: 200, targetPercent: 99.5}",
                ""))).isEqualTo(CHATBOT);
        assertThat(parse(OpenSloWriter.write(CHATBOT, "assistant"))).isEqualTo(CHATBOT);
    }

    @Test
    void timeWindowErrors() {
        String window = "{duration: 1M, isRolling: false, calendar: {startTime: \"2026-01-01 00:00:00\", timeZone: UTC}}";
        assertFails(BASE.replace("timeZone: UTC", "timeZone: Europe/Paris"), 11, "spec.timeWindow[0].calendar.timeZone",
                "only UTC");
        assertFails(BASE.replace("2026-01-01 00:00:00", "2026-01-15 00:00:00"), 11, "spec.timeWindow[0].calendar.startTime",
                "calendar-month window starts at 00:00:00");
        assertFails(BASE.replace("2026-01-01 00:00:00", "2026-01-01T00:00:00Z"), 11, "spec.timeWindow[0].calendar.startTime",
                "YYYY-MM-DD hh:mm:ss");
        assertFails(BASE.replace("duration: 1M", "duration: 2M"), 11, "spec.timeWindow[0].duration", "1w, 1M or 1Q");
        assertFails(BASE.replace("duration: 1M", "duration: 1Y"), 11, "spec.timeWindow[0].duration", "expected a duration");
        assertFails(BASE.replace(window, "{duration: 1M, isRolling: true}"), 11, "spec.timeWindow[0].duration", "Nd or Nw");
        assertFails(BASE.replace(window, "{duration: 401d, isRolling: true}"), 11, "spec.timeWindow[0].duration", "1..400");
        assertFails(BASE.replace(window, "{duration: 1M, isRolling: false}"), 11, "spec.timeWindow[0]", "needs 'calendar");
        assertFails(BASE.replace(window, window + "\n    - {duration: 28d, isRolling: true}"), 11, "spec.timeWindow",
                "exactly one time window");
    }

    @Test
    void objectiveErrors() {
        assertFails(BASE.replace("timeSliceWindow: 1m", "timeSliceWindow: 5m"), 14, "spec.objectives[0].timeSliceWindow",
                "only 1-minute time slices");
        assertFails(BASE.replace("op: lte", "op: gt"), 14, "spec.objectives[0].op", "only 'op: lte'");
        assertFails(BASE.replace("value: 300", "value: 0"), 14, "spec.objectives[0].value", "latency threshold");
        assertFails(BASE.replace("op: lte, value: 300, ", ""), 14, "spec.objectives[0]", "missing field 'op'");
        assertFails(BASE.replace("target: 0.99", "target: 1"), 14, "spec.objectives[0].target", "in (0, 1)");
        assertFails(BASE.replace("target: 0.99", "targetPercent: 100"), 14, "spec.objectives[0].targetPercent", "(0, 100)");
        assertFails(BASE.replace("target: 0.99", "target: 0.99, targetPercent: 99"), 14, "spec.objectives[0].targetPercent",
                "exactly one of 'target' or 'targetPercent', not both");
        assertFails(BASE.replace("target: 0.99, ", ""), 14, "spec.objectives[0]", "exactly one of 'target' or 'targetPercent'");
        assertFails(BASE.replace("Timeslices", "Occurrences"), 14, "spec.objectives[0].timeSliceTarget",
                "Timeslices only");
        assertFails(BASE.replace("Timeslices", "Weekly"), 12, "spec.budgetingMethod", "unknown budgetingMethod 'Weekly'");
        assertFails(BASE.replace("timeSliceWindow: 1m}", "timeSliceWindow: 1m}\n    - {target: 0.99, op: lte, value: 300}"),
                15, "spec.objectives[1]", "duplicate SLO 'search-latency-300ms-99-calendar-month-timeslices'");
        assertFails(BASE.replace("timeSliceWindow: 1m}", "timeSliceWindow: 1m, weight: 2}"), 14,
                "spec.objectives[0].weight", "unknown field");
    }

    @Test
    void indicatorErrors() {
        String inline = String.join("\n",
                "  indicator:",
                "    metadata: {name: search-fast}",
                "    spec:",
                "      thresholdMetric: {metricSource: {type: sliflow, spec: {journey: search}}}");
        assertFails(BASE.replace(inline, "  indicatorRef: nope"), 6, "spec.indicatorRef", "no kind: SLI document named 'nope'");
        assertFails(BASE.replace(inline, "  indicatorRef: nope\n" + inline), 6, "spec.indicatorRef",
                "exactly one of 'indicator' or 'indicatorRef', not both");
        assertFails(BASE.replace(inline + "\n", ""), 5, "spec", "exactly one of 'indicator' or 'indicatorRef'");
        assertFails(BASE.replace("type: sliflow", "type: prometheus"), 9,
                "spec.indicator.spec.thresholdMetric.metricSource.type", "unsupported metric source type 'prometheus'");
        assertFails(BASE.replace("journey: search}", "journey: search, good: latency}"), 9,
                "spec.indicator.spec.thresholdMetric.metricSource.spec.good", "unknown field");
        String ratio = String.join("\n",
                "      ratioMetric:",
                "        counter: true",
                "        good: {metricSource: {type: sliflow, spec: {journey: search, good: latency}}}",
                "        total: {metricSource: {type: sliflow, spec: {journey: search}}}");
        String thresholdLine = "      thresholdMetric: {metricSource: {type: sliflow, spec: {journey: search}}}";
        assertFails(BASE.replace(thresholdLine, ratio), 11, "spec.indicator.spec.ratioMetric.good.metricSource.spec",
                "missing field 'threshold_ms'");
        assertFails(BASE.replace(thresholdLine, ratio.replace("good: latency", "good: latency, threshold_ms: 300")), 17,
                "spec.objectives[0].op", "apply to a thresholdMetric");
        assertFails(BASE.replace(thresholdLine, ratio.replace("good: latency", "good: speed")), 11,
                "spec.indicator.spec.ratioMetric.good.metricSource.spec.good", "'availability' or 'latency'");
        assertFails(BASE.replace(thresholdLine, ratio.replace("journey: search, good", "journey: home, good")), 11,
                "spec.indicator.spec.ratioMetric.good.metricSource.spec.journey", "differs from the total's journey 'search'");
        assertFails(BASE.replace(thresholdLine, ratio.replace("        good:", "        bad:")), 11,
                "spec.indicator.spec.ratioMetric.bad.metricSource.spec.good", "unknown field");
    }

    @Test
    void documentErrors() {
        assertFails(BASE.replace("openslo/v1", "openslo/v2alpha"), 1, "apiVersion", "unsupported apiVersion 'openslo/v2alpha'");
        assertFails(BASE.replace("metadata: {name: search-latency}", "metadata: {displayName: x}"), 3, "metadata",
                "missing field 'name'");
        assertFails(BASE.replace("  service: web-shop", "  servce: web-shop"), 5, "spec.servce", "unknown field");
        assertFails(BASE + "---\n" + BASE.replace("openslo/v1", "openslo/v1alpha"), 16, "apiVersion", "unsupported apiVersion");
        assertFails(BASE.replace("kind: SLO", "kind: Service"), 1, "(document)", "no kind: SLO document");
        String sli = "apiVersion: openslo/v1\nkind: SLI\nmetadata: {name: a}\nspec: {thresholdMetric: "
                + "{metricSource: {type: sliflow, spec: {journey: a}}}}\n";
        assertFails(sli + "---\n" + sli, 8, "metadata.name", "duplicate SLI 'a' (first in slo.yaml:3)");
    }

    @Test
    void writerRoundTripsEveryShape(@TempDir Path dir) throws IOException {
        List<Candidate> all = new ArrayList<>();
        List<SloWindow> windows = List.of(SloWindow.rolling(1), D28, SloWindow.rolling(400), WEEK, MONTH, QUARTER);
        for (SloWindow w : windows) {
            for (Budgeting b : Budgeting.values()) {
                all.add(SloValues.candidate("checkout", SliKind.AVAILABILITY, 0, 0.9995, w, b, 0.95));
                all.add(SloValues.candidate("order_status", SliKind.LATENCY, 250, 0.99, w, b, null));
            }
        }
        String yaml = OpenSloWriter.write(all, "web-shop");
        assertThat(YamlNode.parseAll("out.yaml", new StringReader(yaml))).hasSize(all.size());
        assertThat(parse(yaml)).isEqualTo(all);
        assertThat(parse(OpenSloWriter.write(SHAPES_CANDIDATES, "web-shop"))).isEqualTo(SHAPES_CANDIDATES);

        List<Path> files = OpenSloWriter.writeFiles(dir.resolve("openslo"), all, "web-shop");
        assertThat(files).hasSize(all.size());
        assertThat(files.get(0).getFileName().toString()).isEqualTo("checkout-availability-99-95-1d-occurrences.yaml");
        assertThat(SloConfigLoader.load(files.toArray(Path[]::new)).candidates()).isEqualTo(all);
    }

    /**
     * The recommended alert policy goes inline into {@code spec.alertPolicies} as OpenSLO AlertPolicy /
     * AlertCondition {@code kind: burnrate}, with the tiers as applied to the SLO window (7d: the Workbook's
     * windows × 7/30 = 14m/1m, 84m/7m, 1008m/84m, scaled by 2 here: 28m/2m, 168m/14m, 2016m/168m); the file
     * still loads back to the same candidate.
     */
    @Test
    void writerCarriesTheAlertPolicy() {
        Candidate c = SloValues.candidate("checkout", SliKind.AVAILABILITY, 0, 0.999, WEEK, Budgeting.OCCURRENCES, null);
        AlertPolicy p = new AlertPolicy("low-traffic", 10, 0, java.time.Duration.ofHours(1), 2);
        List<AlertTier> tiers = AlertTier.sreWorkbook().stream().map(t -> p.apply(t, 7)).toList();
        String yaml = OpenSloWriter.write(List.of(c), "web-shop", java.util.Map.of(),
                java.util.Map.of(c.sloId(), new OpenSloWriter.Alerting(p, tiers)));
        assertThat(yaml).contains(String.join("\n",
                "  alertPolicies:",
                "    - kind: AlertPolicy",
                "      metadata:",
                "        name: low-traffic",
                "      spec:",
                "        description: 'sliflow alert policy low-traffic: firings while a page is open or less than 1h after"
                        + " it resolved are",
                "          that page.'",
                "        alertWhenNoData: false",
                "        alertWhenBreaching: true",
                "        alertWhenResolved: true",
                "        conditions:",
                "          - kind: AlertCondition",
                "            metadata:",
                "              name: page-1h",
                "            spec:",
                "              description: burn rate over 28m > 14.4 and over 2m too; at least 10 bad events in 28m",
                "              severity: page",
                "              condition:",
                "                kind: burnrate",
                "                op: gt",
                "                threshold: 14.4",
                "                lookbackWindow: 28m"));
        assertThat(yaml).contains("lookbackWindow: 168m", "description: burn rate over 2016m > 1.0 and over 168m too\n",
                "severity: ticket", "notificationTargets:\n          - targetRef: web-shop-on-call");
        assertThat(parse(yaml)).containsExactly(c);
    }

    @Test
    void writerShapeNamesAndDescriptions() {
        Candidate c = new Candidate("order_status", SliKind.LATENCY, 250, 0.999, D28, Budgeting.TIMESLICES, 0.95);
        String evidence = "Met in 27 of 28 windows: worst 99.87%; 'quoted' \"double\" #not-a-comment\nsecond line";
        String yaml = OpenSloWriter.write(List.of(c), "web-shop", Map.of(c.sloId(), evidence));
        assertThat(OpenSloWriter.name(c)).isEqualTo("order-status-latency-250ms-99-9-28d-timeslices");
        assertThat(yaml).startsWith("---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: " + OpenSloWriter.name(c) + "\n")
                .contains("  budgetingMethod: Timeslices\n")
                .contains("    - duration: 28d\n      isRolling: true\n")
                .contains("type: sliflow");
        YamlNode doc = YamlNode.parseAll("out.yaml", new StringReader(yaml)).get(0);
        assertThat(doc.map().get("spec").map().get("description").text()).isEqualTo(evidence);
        assertThat(doc.map().get("spec").map().get("service").text()).isEqualTo("web-shop");
        assertThat(parse(yaml)).containsExactly(c);
        assertThat(OpenSloWriter.write(List.of(c), "web-shop")).contains("99.9% of order_status requests complete within 250 ms");
    }

    static final Candidate P95 = Candidate.percentile("checkout", new SlicePercentile(95, 30), 300, 0.99, D28);

    @Test
    void aPercentileSliceCandidateIsAThresholdMetricOnTimeSlices() {
        String yaml = OpenSloWriter.write(List.of(P95), "web-shop");
        assertThat(OpenSloWriter.name(P95)).isEqualTo("checkout-p95-300ms-30m-99-28d-timeslices");
        assertThat(yaml).contains(String.join("\n",
                "  indicator:",
                "    metadata:",
                "      name: checkout-p95-30m",
                "    spec:",
                "      thresholdMetric:",
                "        metricSource:",
                "          type: sliflow",
                "          spec:",
                "            journey: checkout",
                "            percentile: 95",
                "  timeWindow:",
                "    - duration: 28d",
                "      isRolling: true",
                "  budgetingMethod: Timeslices",
                "  objectives:",
                "    - displayName: 99%",
                "      op: lte",
                "      value: 300",
                "      target: 0.99",
                "      timeSliceTarget: 0.95",
                "      timeSliceWindow: 30m",
                ""));
        assertThat(yaml).contains("checkout p95 over 30m ≤ 300 ms 99% (28d)");
        assertThat(parse(yaml)).containsExactly(P95);

        List<Candidate> all = new ArrayList<>();
        for (SloWindow w : List.of(SloWindow.rolling(1), D28, WEEK, MONTH, QUARTER)) {
            for (int slice : new int[] {1, 5, 30, 60, 1440}) {
                all.add(Candidate.percentile("search", new SlicePercentile(99.9, slice), 1000, 0.995, w));
                all.add(Candidate.percentile("search", new SlicePercentile(50, slice), 120, 0.9, w));
            }
        }
        assertThat(parse(OpenSloWriter.write(all, "web-shop"))).isEqualTo(all);
    }

    @Test
    void percentileObjectiveErrors() {
        String yaml = OpenSloWriter.write(List.of(P95), "web-shop");
        int objective = (int) yaml.substring(0, yaml.indexOf("    - displayName: 99%")).lines().count() + 1;
        assertFails(yaml.replace("timeSliceWindow: 30m", "timeSliceWindow: 7m"), objective + 5,
                "spec.objectives[0].timeSliceWindow", "a slice must divide a day");
        assertFails(yaml.replace("      timeSliceWindow: 30m\n", ""), objective, "spec.objectives[0]",
                "missing field 'timeSliceWindow'");
        assertFails(yaml.replace("timeSliceTarget: 0.95", "timeSliceTarget: 0.9"), objective + 4,
                "spec.objectives[0].timeSliceTarget", "percentile / 100 = 0.95");
        assertFails(yaml.replace("budgetingMethod: Timeslices", "budgetingMethod: Occurrences"), objective, "spec.objectives[0]",
                "budgeted by time slices");
        int percentile = (int) yaml.substring(0, yaml.indexOf("percentile: 95")).lines().count();
        assertFails(yaml.replace("percentile: 95", "percentile: 100"), percentile,
                "spec.indicator.spec.thresholdMetric.metricSource.spec.percentile", "a percentile must be in (0, 100)");
        // without its timeSliceTarget the objective reads the same
        assertThat(parse(yaml.replace("      timeSliceTarget: 0.95\n", ""))).containsExactly(P95);
    }
}
