package dev.sliflow.slo;

import static dev.sliflow.slo.SloConfigLoaderTest.GOOD;
import static dev.sliflow.slo.SloConfigLoaderTest.assertFails;
import static dev.sliflow.slo.SloConfigLoaderTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code alert_policies:} and {@code incidents:} in the sliflow SLO file (issue 29). */
class AlertPolicyYamlTest {
    /** GOOD has 24 lines and an empty last one: the appended settings start on line 25. */
    static final String WITH = GOOD + String.join("\n",
            "alert_policies:",
            "  - {name: sre-workbook}",
            "  - {name: pager, page_gap: 1h}",
            "  - {name: quiet, min_bad_events: 10, min_valid_events: 100, page_gap: 0m, window_scale: 4}",
            "incidents:",
            "  - {journey: checkout, start: 2026-07-15T14:05:00Z, end: 2026-07-15T14:50:00Z}",
            "  - {journey: search, start: 2026-07-16T10:00:00+02:00, end: 2026-07-16T09:00:00Z, sli: latency}",
            "");

    @Test
    void policiesAndIncidentsLoad() {
        SloConfig c = parse(WITH);
        assertThat(c.alertPolicies()).containsExactly(AlertPolicy.sreWorkbook(),
                new AlertPolicy("pager", 0, 0, Duration.ofHours(1), 1),
                new AlertPolicy("quiet", 10, 100, Duration.ZERO, 4));
        assertThat(c.reportedPolicy()).isEqualTo(AlertPolicy.sreWorkbook());
        assertThat(c.incidents()).containsExactly(
                new Incident("checkout", Instant.parse("2026-07-15T14:05:00Z"), Instant.parse("2026-07-15T14:50:00Z"),
                        SliKind.AVAILABILITY),
                new Incident("search", Instant.parse("2026-07-16T08:00:00Z"), Instant.parse("2026-07-16T09:00:00Z"),
                        SliKind.LATENCY));
    }

    @Test
    void withoutThemTheDefaultPoliciesAndNoIncident() {
        SloConfig c = parse(GOOD);
        assertThat(c.alertPolicies()).isEqualTo(AlertPolicy.defaults());
        assertThat(c.alertPolicies()).extracting(AlertPolicy::name)
                .containsExactly("sre-workbook", "pager", "low-traffic", "low-traffic-long");
        assertThat(c.incidents()).isEmpty();
    }

    @Test
    void badSettingsNameFileLineAndField() {
        assertThat(GOOD.split("\n", -1)).hasSize(25);
        assertFails(WITH.replace("{name: pager, page_gap: 1h}", "{name: sre-workbook}"), 27,
                "alert_policies[1].name", "duplicate alert policy name 'sre-workbook' (first on line 26)");
        assertFails(WITH.replace("page_gap: 1h", "page_gap: soon"), 27, "alert_policies[1].page_gap",
                "expected a duration such as 5m, 1h or 3d");
        assertFails(WITH.replace("min_bad_events: 10", "min_bad_events: -1"), 28,
                "alert_policies[2].min_bad_events", "must be in 0..1000000");
        assertFails(WITH.replace("window_scale: 4", "window_scale: 0"), 28, "alert_policies[2].window_scale",
                "must be in 1..30");
        assertFails(WITH.replace("{name: pager, page_gap: 1h}", "{name: pager, gap: 1h}"), 27,
                "alert_policies[1].gap", "unknown field");
        assertFails(WITH.replace("{name: pager, page_gap: 1h}", "{page_gap: 1h}"), 27, "alert_policies[1]",
                "name");
        assertFails(WITH.replace("  - {name: sre-workbook}\n  - {name: pager, page_gap: 1h}\n"
                + "  - {name: quiet, min_bad_events: 10, min_valid_events: 100, page_gap: 0m, window_scale: 4}\n",
                "  []\n").replace("alert_policies:\n  []", "alert_policies: []"), 25, "alert_policies",
                "at least one alert policy");
        assertFails(WITH.replace("end: 2026-07-15T14:50:00Z", "end: 2026-07-15T14:00:00Z"), 30, "incidents[0].end",
                "end must be after start");
        assertFails(WITH.replace("sli: latency", "sli: speed"), 31, "incidents[1].sli",
                "sli must be 'availability' or 'latency'");
        assertFails(WITH.replace("{journey: checkout, start", "{start"), 30, "incidents[0]", "journey");
    }
}
