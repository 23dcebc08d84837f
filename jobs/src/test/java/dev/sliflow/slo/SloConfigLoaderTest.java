package dev.sliflow.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.config.ConfigException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloConfigLoaderTest {
    static final String GOOD = String.join("\n",
            "candidates:",
            "  - journey: checkout",
            "    availability: [0.99, \"99.9%\"]",
            "    latency:",
            "      - {threshold_ms: 300, targets: [0.95, 0.99]}",
            "    windows: [7d]",
            "  - journey: search",
            "    latency: [{threshold_ms: 1000, targets: [0.9]}]",
            "    budgeting: [ratio-timeslices]",
            "windows: [28d, 30d, calendar-month]",
            "budgeting: [occurrences, timeslices]",
            "timeslice_target: 0.95",
            "alerting:",
            "  tiers:",
            "    - {name: fast, severity: page, long: 1h, short: 5m, burn_rate: 14.4}",
            "    - {severity: ticket, long: 3d, short: 6h, budget_consumed: 0.1}",
            "policy: {alert_below: 0.5, pause_below: 0.25, freeze_below: 0.0}",
            "maintenance:",
            "  - {start: 2026-07-15T04:00:00+02:00, end: 2026-07-15T03:00:00Z}",
            "  - {every: \"SUN 02:00\", duration: 1h}",
            "  - {every: \"02:30\", duration: 30m}",
            "recommend: {max_freeze_days_per_quarter: 5, max_pages_per_month: 3}",
            "sla:",
            "  - {journey: checkout, target: 0.999, credits: [{below: 0.999, credit: 0.10}, {below: 0.99, credit: 0.25}]}",
            "");

    static SloConfig parse(String yaml) {
        return SloConfigLoader.parse("slos.yaml", new StringReader(yaml));
    }

    static void assertFails(String yaml, int line, String field, String text) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("slos.yaml:" + line + ": " + field + ": ")
                .hasMessageContaining(text);
    }

    @Test
    void sampleLoadsAndExpands() {
        SloConfig c = SloConfigLoader.load(Path.of("datasets/sample/slos.yaml"));
        // 10 journeys: 32 availability targets + 5 latency targets each = 82 targets; × 4 windows × 2 budgeting;
        // and search's p95 30-minute slice SLO: 2 targets × 4 windows, always time slices
        assertThat(c.candidates()).hasSize(82 * 4 * 2 + 2 * 4);
        assertThat(c.candidates()).filteredOn(x -> x.percentile() != null).hasSize(2 * 4)
                .allSatisfy(x -> assertThat(x.journey()).isEqualTo("search"));
        // the three injected incidents, as a postmortem lists them
        assertThat(c.incidents()).hasSize(3);
        assertThat(c.candidates()).extracting(Candidate::window)
                .contains(SloWindow.rolling(1), SloWindow.rolling(7), SloWindow.calendar(SloWindow.Kind.CALENDAR_MONTH));
        assertThat(c.candidates().get(0)).isEqualTo(new Candidate("home", SliKind.AVAILABILITY, 0, 0.99,
                SloWindow.rolling(1), Budgeting.OCCURRENCES, 0.99));
        assertThat(c.tiers()).isEqualTo(AlertTier.sreWorkbook());
        assertThat(c.policy()).isEqualTo(Policy.defaults());
        assertThat(c.maintenance()).containsExactly(
                Maintenance.fixed(Instant.parse("2026-03-01T02:00:00Z"), Instant.parse("2026-03-01T03:00:00Z")));
        assertThat(c.recommend()).isEqualTo(new Recommend(7, 2));
        assertThat(c.slas()).isEmpty();
        assertThat(c.source()).isEqualTo(Path.of("datasets/sample/slos.yaml").toString());
    }

    @Test
    void expandsEveryFieldAndReadsSettings() {
        SloConfig c = parse(GOOD);
        SloWindow d7 = SloWindow.rolling(7);
        assertThat(c.candidates()).hasSize(4 * 2 + 3);
        assertThat(c.candidates().subList(0, 4)).containsExactly(
                new Candidate("checkout", SliKind.AVAILABILITY, 0, 0.99, d7, Budgeting.OCCURRENCES, 0.99),
                new Candidate("checkout", SliKind.AVAILABILITY, 0, 0.99, d7, Budgeting.TIMESLICES, 0.95),
                new Candidate("checkout", SliKind.AVAILABILITY, 0, 0.999, d7, Budgeting.OCCURRENCES, 0.999),
                new Candidate("checkout", SliKind.AVAILABILITY, 0, 0.999, d7, Budgeting.TIMESLICES, 0.95));
        assertThat(c.candidates().get(4).sloId()).isEqualTo("checkout-latency-300ms-95-7d-occurrences");
        assertThat(c.candidates().subList(8, 11)).extracting(Candidate::sloId).containsExactly(
                "search-latency-1000ms-90-28d-ratio-timeslices",
                "search-latency-1000ms-90-30d-ratio-timeslices",
                "search-latency-1000ms-90-calendar-month-ratio-timeslices");
        assertThat(c.candidates().get(8).timesliceTarget()).isEqualTo(0.9);
        assertThat(c.tiers()).containsExactly(
                new AlertTier("fast", "page", Duration.ofHours(1), Duration.ofMinutes(5), 14.4, 0),
                new AlertTier("ticket-3d", "ticket", Duration.ofDays(3), Duration.ofHours(6), 1.0, 0.1));
        assertThat(c.policy()).isEqualTo(new Policy(0.5, 0.25, 0.0));
        assertThat(c.maintenance()).containsExactly(
                Maintenance.fixed(Instant.parse("2026-07-15T02:00:00Z"), Instant.parse("2026-07-15T03:00:00Z")),
                Maintenance.recurring(DayOfWeek.SUNDAY, LocalTime.of(2, 0), Duration.ofHours(1)),
                Maintenance.recurring(null, LocalTime.of(2, 30), Duration.ofMinutes(30)));
        assertThat(c.recommend()).isEqualTo(new Recommend(5, 3));
        assertThat(c.slas()).containsExactly(new Sla("checkout", 0.999,
                List.of(new Sla.CreditTier(0.999, 0.10), new Sla.CreditTier(0.99, 0.25))));
    }

    @Test
    void defaults() {
        SloConfig c = parse("candidates: [{journey: login, availability: [0.995]}]\n");
        assertThat(c.candidates()).containsExactly(new Candidate("login", SliKind.AVAILABILITY, 0, 0.995,
                SloWindow.rolling(28), Budgeting.OCCURRENCES, 0.995));
        assertThat(c.tiers()).isEqualTo(AlertTier.sreWorkbook());
        assertThat(c.policy()).isEqualTo(Policy.defaults());
        assertThat(c.maintenance()).isEmpty();
        assertThat(c.recommend()).isEqualTo(Recommend.defaults());
        assertThat(c.slas()).isEmpty();
    }

    @Test
    void chatbotTiersOfTargets() {
        SloConfig c = parse(String.join("\n",
                "candidates:",
                "  - journey: chatbot",
                "    latency:",
                "      - {threshold_ms: 150, targets: [\"90%\"]}       # minimum",
                "      - {threshold_ms: 200, targets: [0.99, 0.995]}  # standard, stretch",
                "windows: [1d]",
                ""));
        assertThat(c.candidates()).isEqualTo(OpenSloTest.CHATBOT);
    }

    @Test
    void unknownFields() {
        assertFails(GOOD.replace("    windows: [7d]", "    window: [7d]"), 6, "candidates[0].window", "unknown field");
        assertFails(GOOD.replace("timeslice_target:", "timeslice_targets:"), 12, "timeslice_targets", "unknown field");
        assertFails(GOOD.replace("{threshold_ms: 300,", "{threshold: 300,"), 5, "candidates[0].latency[0].threshold",
                "unknown field");
        assertFails(GOOD.replace("max_pages_per_month", "max_pages"), 22, "recommend.max_pages", "unknown field");
        assertFails(GOOD.replace("    - {name: fast,", "    - {nam: fast,"), 15, "alerting.tiers[0].nam", "unknown field");
    }

    @Test
    void targets() {
        assertFails(GOOD.replace("[0.99, \"99.9%\"]", "[0.99, 1.0]"), 3, "candidates[0].availability[1]", "in (0, 1)");
        assertFails(GOOD.replace("[0.99, \"99.9%\"]", "[0, 0.99]"), 3, "candidates[0].availability[0]", "in (0, 1)");
        assertFails(GOOD.replace("[0.99, \"99.9%\"]", "[0.99, 99.9]"), 3, "candidates[0].availability[1]", "\"99.9%\"");
        assertFails(GOOD.replace("[0.99, \"99.9%\"]", "[0.99, \"100%\"]"), 3, "candidates[0].availability[1]", "in (0, 1)");
        assertFails(GOOD.replace("[0.99, \"99.9%\"]", "[0.99, \"99%\"]"), 3, "candidates[0].availability[1]",
                "duplicate target 99% (first on line 3)");
        assertFails(GOOD.replace("[0.99, \"99.9%\"]", "[]"), 3, "candidates[0].availability", "at least one target");
        assertFails(GOOD.replace("timeslice_target: 0.95", "timeslice_target: 1.5"), 12, "timeslice_target", "(0, 1]");
    }

    @Test
    void thresholds() {
        assertFails(GOOD.replace("threshold_ms: 300", "threshold_ms: 0"), 5, "candidates[0].latency[0].threshold_ms",
                "latency threshold");
        assertFails(GOOD.replace("threshold_ms: 300", "threshold_ms: -5"), 5, "candidates[0].latency[0].threshold_ms",
                "latency threshold");
        assertFails(GOOD.replace("threshold_ms: 300, ", ""), 5, "candidates[0].latency[0]", "missing field 'threshold_ms'");
    }

    @Test
    void windowsAndBudgeting() {
        assertFails(GOOD.replace("calendar-month]", "calendar-year]"), 10, "windows[2]", "unknown window 'calendar-year'");
        assertFails(GOOD.replace("windows: [28d,", "windows: [401d,"), 10, "windows[0]", "1..400");
        assertFails(GOOD.replace("windows: [28d,", "windows: [0d,"), 10, "windows[0]", "1..400");
        assertFails(GOOD.replace("windows: [28d, 30d,", "windows: [28d, 28d,"), 10, "windows[1]", "duplicate window");
        assertFails(GOOD.replace("windows: [7d]", "windows: [1w]"), 6, "candidates[0].windows[0]", "unknown window");
        assertFails(GOOD.replace("[occurrences, timeslices]", "[occurrences, slices]"), 11, "budgeting[1]",
                "unknown budgeting method");
        assertFails(GOOD.replace("[ratio-timeslices]", "[]"), 9, "candidates[1].budgeting", "at least one budgeting");
    }

    @Test
    void durationsAndTiers() {
        assertFails(GOOD.replace("short: 5m", "short: 5x"), 15, "alerting.tiers[0].short", "expected a duration");
        assertFails(GOOD.replace("short: 5m", "short: 2h"), 15, "alerting.tiers[0].short", "shorter than the long");
        assertFails(GOOD.replace("long: 3d", "long: 30d"), 16, "alerting.tiers[1].long", "outside 1m..7d");
        assertFails(GOOD.replace("severity: page", "severity: sms"), 15, "alerting.tiers[0].severity", "page' or 'ticket");
        assertFails(GOOD.replace("burn_rate: 14.4", "burn_rate: 14.4, budget_consumed: 0.02"), 15,
                "alerting.tiers[0].budget_consumed", "exactly one of 'burn_rate' or 'budget_consumed', not both");
        assertFails(GOOD.replace(", burn_rate: 14.4", ""), 15, "alerting.tiers[0]", "exactly one of 'burn_rate'");
        assertFails(GOOD.replace("budget_consumed: 0.1", "budget_consumed: 2"), 16, "alerting.tiers[1].budget_consumed",
                "(0, 1]");
        assertFails(GOOD.replace("{severity: ticket,", "{name: fast, severity: ticket,"), 16, "alerting.tiers[1]",
                "duplicate tier name 'fast'");
        assertFails("candidates: [{journey: a, availability: [0.9]}]\nalerting: pager\n", 2, "alerting", "sre-workbook");
        assertFails("candidates: [{journey: a, availability: [0.9]}]\nalerting: {tiers: []}\n", 2, "alerting.tiers",
                "at least one tier");
    }

    @Test
    void maintenance() {
        assertFails(GOOD.replace("end: 2026-07-15T03:00:00Z", "end: 2026-07-15T02:00:00Z"), 19, "maintenance[0].end",
                "end must be after start");
        assertFails(GOOD.replace("start: 2026-07-15T04:00:00+02:00", "start: 2026-07-15T04:00:00"), 19,
                "maintenance[0].start", "zone offset");
        assertFails(GOOD.replace("SUN 02:00", "SUX 02:00"), 20, "maintenance[1].every", "unknown day 'SUX'");
        assertFails(GOOD.replace("SUN 02:00", "SUN 25:00"), 20, "maintenance[1].every", "no such time");
        assertFails(GOOD.replace("SUN 02:00", "Sunday at 2"), 20, "maintenance[1].every", "DAY HH:MM");
        assertFails(GOOD.replace("duration: 1h", "duration: 8d"), 20, "maintenance[1].duration", "outside 1m..7d");
        assertFails(GOOD.replace("duration: 1h", "duration: 0m"), 20, "maintenance[1].duration", "outside 1m..7d");
        assertFails(GOOD.replace("\"02:30\", duration: 30m", "\"02:30\", end: 2026-07-15T03:00:00Z"), 21, "maintenance[2]",
                "either {start, end} or {every, duration}");
    }

    @Test
    void policy() {
        assertFails(GOOD.replace("pause_below: 0.25", "pause_below: 0.6"), 17, "policy.pause_below",
                "alert_below >= pause_below >= freeze_below");
        assertFails(GOOD.replace("freeze_below: 0.0", "freeze_below: 0.3"), 17, "policy.freeze_below",
                "alert_below >= pause_below >= freeze_below");
        assertFails(GOOD.replace("freeze_below: 0.0", "freeze_below: -2"), 17, "policy.freeze_below", "[-1, 1]");
        assertFails(GOOD.replace("alert_below: 0.5", "alert_below: 0.2"), 17, "policy.pause_below",
                "alert_below >= pause_below");
    }

    @Test
    void otherMistakes() {
        assertFails("candidates: []\n", 1, "candidates", "at least one candidate");
        assertFails("windows: [28d]\n", 1, "(document)", "missing field 'candidates'");
        assertFails("candidates:\n  - {journey: checkout}\n", 2, "candidates[0]", "'availability', 'latency' and/or 'percentile'");
        assertFails("candidates:\n  - {availability: [0.9]}\n", 2, "candidates[0]", "missing field 'journey'");
        assertFails("candidates:\n  - {journey: \"check out\", availability: [0.9]}\n", 2, "candidates[0].journey",
                "not a valid journey name");
        assertFails(GOOD.replace("credit: 0.25", "credit: 25"), 24, "sla[0].credits[1].credit", "(0, 1]");
        assertFails(GOOD.replace("max_pages_per_month: 3", "max_pages_per_month: -1"), 22, "recommend.max_pages_per_month",
                "must be in 0..");
        assertFails("", 1, "(document)", "empty");
        assertFails(GOOD.replace("timeslice_target: 0.95", "windows: [7d]"), 12, "windows", "duplicate key (first on line 10)");
        assertFails("candidates: [{journey: a, availability: [0.9]}]\n---\nwindows: [1d]\n", 3, "(document)",
                "one YAML document");
    }

    static final String PERCENTILE = String.join("\n",
            "candidates:",
            "  - journey: checkout",
            "    availability: [0.99]",
            "    percentile:",
            "      - {percentile: 95, threshold_ms: 300, slice: 30m, targets: [0.95, 0.99]}",
            "      - {percentile: 99.9, threshold_ms: 2500, slice: 1h, targets: [\"99.5%\"]}",
            "windows: [28d, calendar-month]",
            "budgeting: [occurrences, ratio-timeslices]",
            "");

    @Test
    void percentileTimeSliceCandidates() {
        List<Candidate> cs = parse(PERCENTILE).candidates();
        // availability: 1 target × 2 windows × 2 budgetings; percentile: 3 targets × 2 windows, always timeslices
        assertThat(cs).hasSize(4 + 6);
        List<Candidate> p = cs.stream().filter(c -> c.sli() == SliKind.PERCENTILE).toList();
        assertThat(p).extracting(Candidate::sloId).containsExactly(
                "checkout-p95-300ms-30m-95-28d-timeslices",
                "checkout-p95-300ms-30m-95-calendar-month-timeslices",
                "checkout-p95-300ms-30m-99-28d-timeslices",
                "checkout-p95-300ms-30m-99-calendar-month-timeslices",
                "checkout-p99.9-2500ms-1h-99.5-28d-timeslices",
                "checkout-p99.9-2500ms-1h-99.5-calendar-month-timeslices");
        Candidate first = p.get(0);
        assertThat(first.percentile()).isEqualTo(new SlicePercentile(95, 30));
        assertThat(first.thresholdMs()).isEqualTo(300);
        assertThat(first.target()).isEqualTo(0.95);
        assertThat(first.budgeting()).isEqualTo(Budgeting.TIMESLICES);
        assertThat(first.timesliceTarget()).isEqualTo(0.95);
        assertThat(p.get(4).percentile()).isEqualTo(new SlicePercentile(99.9, 60));
        assertThat(p.get(4).percentile().quantile()).isEqualTo(0.999);
        assertThat(p.get(4).sliColumn()).isEqualTo("p99.9-1h");
    }

    @Test
    void percentileMistakesNameFileLineAndField() {
        assertFails(PERCENTILE.replace("percentile: 95,", "percentile: 100,"), 5, "candidates[0].percentile[0].percentile",
                "a percentile must be in (0, 100)");
        assertFails(PERCENTILE.replace("percentile: 95,", "percentile: 0,"), 5, "candidates[0].percentile[0].percentile",
                "a percentile must be in (0, 100)");
        assertFails(PERCENTILE.replace("slice: 30m", "slice: 7m"), 5, "candidates[0].percentile[0].slice",
                "a slice must divide a day");
        assertFails(PERCENTILE.replace("slice: 30m", "slice: 2d"), 5, "candidates[0].percentile[0].slice", "outside 1m..1d");
        assertFails(PERCENTILE.replace("slice: 30m", "slice: half-hour"), 5, "candidates[0].percentile[0].slice",
                "expected a duration");
        assertFails(PERCENTILE.replace("slice: 30m, ", ""), 5, "candidates[0].percentile[0]", "missing field 'slice'");
        assertFails(PERCENTILE.replace("percentile: 95, ", ""), 5, "candidates[0].percentile[0]",
                "missing field 'percentile'");
        assertFails(PERCENTILE.replace("threshold_ms: 300", "threshold_ms: 0"), 5,
                "candidates[0].percentile[0].threshold_ms", "latency threshold");
        assertFails(PERCENTILE.replace("targets: [0.95, 0.99]", "targets: [0.95, 1.5]"), 5,
                "candidates[0].percentile[0].targets[1]", "a target must be in (0, 1)");
        assertFails(PERCENTILE.replace("slice: 30m,", "slice: 30m, window: 1h,"), 5, "candidates[0].percentile[0].window",
                "unknown field");
        assertFails(PERCENTILE.replace("      - {percentile: 95, threshold_ms: 300, slice: 30m, targets: [0.95, 0.99]}\n",
                "      - {percentile: 99.9, threshold_ms: 2500, slice: 60m, targets: [0.9, 0.995]}\n"), 6,
                "candidates[0].percentile[1].targets[0]",
                "duplicate SLO 'checkout-p99.9-2500ms-1h-99.5-28d-timeslices' (first defined at slos.yaml:5)");
    }

    @Test
    void duplicateSloIdsAfterExpansion() {
        assertFails(String.join("\n",
                "candidates:",
                "  - journey: checkout",
                "    availability: [0.99]",
                "  - journey: checkout",
                "    availability: [0.995, 0.99]",
                ""), 5, "candidates[1].availability[1]",
                "duplicate SLO 'checkout-availability-99-28d-occurrences' (first defined at slos.yaml:3)");
        assertFails(String.join("\n",
                "candidates:",
                "  - journey: search",
                "    latency:",
                "      - {threshold_ms: 300, targets: [0.9]}",
                "      - {threshold_ms: 300, targets: [0.99, 0.9]}",
                ""), 5, "candidates[0].latency[1].targets[1]", "duplicate SLO 'search-latency-300ms-90-28d-occurrences'");
    }

    @Test
    void filesMergeFirstSettingWins(@TempDir Path dir) throws IOException {
        Path settings = Files.writeString(dir.resolve("settings.yaml"), String.join("\n",
                "policy: {alert_below: 0.6}",
                "recommend: {max_pages_per_month: 4}",
                ""));
        Path slos = Files.writeString(dir.resolve("slos.yaml"), String.join("\n",
                "candidates: [{journey: login, availability: [0.99]}]",
                "policy: {alert_below: 0.6, pause_below: 0.25}",
                ""));
        Path openSlo = Files.writeString(dir.resolve("checkout.openslo.yaml"), OpenSloTest.SHAPES);
        SloConfig c = SloConfigLoader.load(settings, slos, openSlo);
        assertThat(c.policy()).isEqualTo(new Policy(0.6, 0.25, 0.0));
        assertThat(c.recommend()).isEqualTo(new Recommend(7, 4));
        assertThat(c.candidates()).hasSize(1 + OpenSloTest.SHAPES_CANDIDATES.size());
        assertThat(c.candidates().get(0).journey()).isEqualTo("login");
        assertThat(c.candidates().subList(1, c.candidates().size())).isEqualTo(OpenSloTest.SHAPES_CANDIDATES);
        assertThat(c.source()).isEqualTo(settings + ", " + slos + ", " + openSlo);

        Path conflict = Files.writeString(dir.resolve("conflict.yaml"), String.join("\n",
                "candidates: [{journey: logout, availability: [0.99]}]",
                "recommend: {max_pages_per_month: 5}",
                ""));
        assertThatThrownBy(() -> SloConfigLoader.load(settings, conflict))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(conflict + ":2: recommend: ")
                .hasMessageContaining("conflicts with the setting in " + settings + ":2");
        assertThatThrownBy(() -> SloConfigLoader.load(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(settings + ":1: (document): missing field 'candidates'");
        assertThatThrownBy(() -> SloConfigLoader.load(slos, slos))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(slos + ":1: candidates[0].availability[0]: duplicate SLO");
        assertThatThrownBy(() -> SloConfigLoader.load(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("missing.yaml") + ":0: (file): no such file");
    }

    /** Journey names make the SLO ids and OpenSLO file names: none that could name a path elsewhere loads. */
    @Test
    void journeyNamesThatCouldEscapeAFolderAreRejected() {
        for (String bad : new String[] {"../etc", "..", "a/b", "/abs", "a\\\\b", "a\\u0000b", "x".repeat(65)}) {
            assertFails("candidates:\n  - {journey: \"" + bad + "\", availability: [0.9]}\n", 2, "candidates[0].journey",
                    "not a valid journey name");
        }
    }
}
