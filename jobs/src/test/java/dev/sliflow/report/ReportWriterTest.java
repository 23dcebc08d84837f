package dev.sliflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.report.ReportData.Alerts;
import dev.sliflow.report.ReportData.Daily;
import dev.sliflow.report.ReportData.Latency;
import dev.sliflow.report.ReportData.Recommendation;
import dev.sliflow.report.ReportData.Slo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML of hand-made data: rows, escaping, charts with the expected points, no network reference. */
class ReportWriterTest {
    static final String JOURNEY = "check<out>&co";
    static final Slo T995 = slo(0.995);
    static final Slo T999 = slo(0.999);

    static Slo slo(double target) {
        return new Slo(JOURNEY, "checkout-availability-" + target + "-1d-occurrences", "availability", 0, target, "1d", "occurrences");
    }

    static ReportData data() {
        List<Daily> daily = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            LocalDate day = LocalDate.parse("2026-03-02").plusDays(d);
            daily.add(new Daily(T995, day, 0.998, 0.6, "healthy"));
            daily.add(new Daily(T999, day, 0.998, d == 1 ? -1.0 : -0.2, "freeze"));
        }
        List<Latency> latency = new ArrayList<>();
        for (int h = 0; h < 5; h++) {
            latency.add(new Latency(JOURNEY, Instant.parse("2026-03-01T00:00:00Z").plusSeconds(3600L * h), 40 + h, 200 + h));
        }
        List<Alerts> alerts = List.of(new Alerts(T999, "page", Instant.parse("2026-03-02T10:00:00Z"), 2),
                new Alerts(T999, "page", Instant.parse("2026-04-01T10:00:00Z"), 1),
                new Alerts(T995, "ticket", Instant.parse("2026-03-03T04:00:00Z"), 1));
        Recommendation rec = new Recommendation(T995, 0.9981, 0.998, 0, 0, 0, 0, true,
                "99.5% costs at most 0 freeze days a quarter and 0 pages a month; 99.9% would cost 3 freeze days <a quarter>");
        return new ReportData(List.of(rec), daily, latency, alerts);
    }

    @Test
    void recommendationRowEvidenceEscapedAndOptions() {
        String html = ReportWriter.write(data());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<tr class=\"rec\"")
                .contains("<td>check&lt;out&gt;&amp;co</td>").contains("<td class=\"tgt\">99.5%</td>")
                .contains("99.9% would cost 3 freeze days &lt;a quarter&gt;")
                .doesNotContain("check<out>").doesNotContain("<a quarter>");
        // options: 99.9% froze 3 days in Q1 and paged twice in March, once in April
        assertThat(html).contains("<tr><td>99.9%</td><td>99.80%</td><td>3</td><td>2</td><td>3</td><td>3</td></tr>");
        assertThat(html).contains("<tr class=\"chosen\"><td>99.5% ◀ recommended</td>");
    }

    @Test
    void oneSvgPerChartWithItsPoints() {
        String html = ReportWriter.write(data());
        assertThat(count(html, "<svg ")).isEqualTo(4);
        assertThat(chartPoints(html, "attainment")).isEqualTo(3); // identical attainment series drawn once
        assertThat(chartPoints(html, "burndown")).isEqualTo(6);
        assertThat(chartPoints(html, "latency")).isEqualTo(10);
        assertThat(chartPoints(html, "alerts")).isEqualTo(3);
        assertThat(html).contains("data-series=\"99.9% (tighter)\" data-points=\"3\"", "data-series=\"p99\" data-points=\"5\"",
                "data-series=\"page\" data-points=\"2\"", "data-ref=\"99.5% ★\"", "data-band=\"freeze\"");
        assertThat(count(html, "<title id=")).isEqualTo(4);
    }

    @Test
    void noNetworkReference() {
        String html = ReportWriter.write(data());
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("src=").doesNotContain("<script");
        Matcher m = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            assertThat(m.group(1)).startsWith("#");
        }
    }

    @Test
    void emptyDataStillRenders() {
        String html = ReportWriter.write(new ReportData(List.of(), List.of(), List.of(), List.of()));
        assertThat(html).contains("0 recommendations").endsWith("</html>\n");
    }

    static int chartPoints(String html, String kind) {
        Matcher m = Pattern.compile("data-chart=\"" + kind + "\" data-points=\"(\\d+)\"").matcher(html);
        assertThat(m.find()).as("chart %s", kind).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }
}
