package dev.sliflow.report;

import dev.sliflow.report.ReportData.Alerts;
import dev.sliflow.report.ReportData.Daily;
import dev.sliflow.report.ReportData.Latency;
import dev.sliflow.report.ReportData.Recommendation;
import dev.sliflow.report.ReportData.Slo;
import dev.sliflow.report.SvgChart.Axis;
import dev.sliflow.report.SvgChart.Point;
import dev.sliflow.report.SvgChart.Tick;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@link ReportData} as one self-contained HTML page: inline CSS and inline SVG, no script,
 * no network resource. At the top the recommended target per journey and SLI with its evidence; then
 * per journey and recommendation the cost of each candidate target of its group, its daily attainment
 * against the targets and the error-budget burn-down of the recommended target and its tighter
 * neighbour over the policy bands; per journey the hourly latency and the alert firings of those
 * candidates. All text is HTML-escaped.
 */
public final class ReportWriter {
    /** Most targets drawn in one attainment chart (those nearest the recommended one). */
    static final int MAX_TARGETS = 6;
    /**
     * The page's layout version: raise it when what the page shows changes (sections, tables, charts). The
     * README's picture of the report (jobs/report.png, made by {@code ./sliflow screenshot}) records it, with a
     * checksum of the style sheet, and a test fails while the picture is of another layout.
     */
    public static final int LAYOUT_VERSION = 2;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final String[] PALETTE = {"#1f77b4", "#9467bd", "#2ca02c", "#8c564b", "#17becf", "#e377c2"};
    private static final double[] NINES_TICKS = {0.5, 0.8, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99995, 0.99999};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ReportData data;
    private final Map<String, List<Daily>> dailyBySlo = new HashMap<>();
    private final Map<String, List<Alerts>> alertsBySlo = new HashMap<>();
    private final Map<String, TreeMap<Double, Slo>> targetsByGroup = new HashMap<>();
    private final long t0;
    private final long t1;
    private int charts;

    private ReportWriter(ReportData data) {
        this.data = data;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Daily d : data.daily()) {
            dailyBySlo.computeIfAbsent(d.slo().sloId(), k -> new ArrayList<>()).add(d);
            addTarget(d.slo());
            lo = Math.min(lo, dayStart(d.day()));
            hi = Math.max(hi, dayEnd(d.day()));
        }
        for (Alerts a : data.alerts()) {
            alertsBySlo.computeIfAbsent(a.slo().sloId(), k -> new ArrayList<>()).add(a);
            addTarget(a.slo());
            lo = Math.min(lo, a.hour().toEpochMilli());
            hi = Math.max(hi, a.hour().toEpochMilli() + HOUR);
        }
        for (Latency l : data.latency()) {
            lo = Math.min(lo, l.hour().toEpochMilli());
            hi = Math.max(hi, l.hour().toEpochMilli() + HOUR);
        }
        for (Recommendation r : data.recommendations()) {
            addTarget(r.slo());
        }
        t0 = lo == Long.MAX_VALUE ? 0 : lo;
        t1 = hi == Long.MIN_VALUE ? DAY : hi;
    }

    /** The report page for {@code data}. */
    public static String write(ReportData data) {
        return new ReportWriter(data).page();
    }

    private void addTarget(Slo slo) {
        targetsByGroup.computeIfAbsent(slo.group(), k -> new TreeMap<>()).putIfAbsent(slo.target(), slo);
    }

    /** What a screenshot of this page records: the layout version and a checksum of the style sheet. */
    public static String layoutStamp() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(CSS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "layout %d, style %08x", LAYOUT_VERSION, crc.getValue());
    }

    private String page() {
        Map<String, List<Recommendation>> byJourney = new LinkedHashMap<>();
        for (Recommendation r : data.recommendations()) {
            byJourney.computeIfAbsent(r.slo().journey(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>sliflow SLO report</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>sliflow SLO report</h1><p class=\"sub\">History ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochMilli(t0).atZone(ZoneOffset.UTC))).append(" .. ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.ofEpochMilli(t1 - 1).atZone(ZoneOffset.UTC)))
                .append(" (UTC) · ").append(byJourney.size()).append(" journeys · ").append(data.recommendations().size())
                .append(" recommendations. Error-budget policy bands: below 50% remaining alert, below 25% pause deploys,"
                        + " below 0% freeze.</p>\n<nav>");
        int j = 0;
        for (String journey : byJourney.keySet()) {
            h.append("<a href=\"#j").append(j++).append("\">").append(Html.esc(journey)).append("</a> ");
        }
        h.append("</nav>\n");
        recommendationTable(h);
        j = 0;
        for (Map.Entry<String, List<Recommendation>> e : byJourney.entrySet()) {
            journey(h, "j" + j++, e.getKey(), e.getValue());
        }
        return h.append("</body></html>\n").toString();
    }

    private void recommendationTable(StringBuilder h) {
        h.append("<h2>Recommended targets</h2><table class=\"recs\"><thead><tr><th>journey</th><th>SLI</th>"
                + "<th>recommended target</th><th>window · budgeting</th><th>baseline</th><th>worst window</th>"
                + "<th>max freeze days / quarter</th><th>max pages / month</th><th>qualifies</th><th>alert policy</th><th>evidence</th>"
                + "</tr></thead><tbody>\n");
        for (Recommendation r : data.recommendations()) {
            h.append("<tr class=\"rec").append(r.qualifies() ? "" : " nq").append("\" data-slo=\"").append(Html.esc(r.slo().sloId()))
                    .append("\"><td>").append(Html.esc(r.slo().journey())).append("</td><td>").append(Html.esc(sli(r.slo())))
                    .append("</td><td class=\"tgt\">").append(Html.target(r.slo().target())).append("</td><td>")
                    .append(Html.esc(r.slo().window() + " · " + r.slo().budgeting())).append("</td><td>").append(Html.pct(r.baseline()))
                    .append("</td><td>").append(Html.pct(r.worstAttainment())).append("</td><td>").append(r.maxFreezeDaysPerQuarter())
                    .append("</td><td>").append(r.maxPagesPerMonth()).append("</td><td>").append(r.qualifies() ? "yes" : "no")
                    .append("</td><td>").append(Html.esc(r.policy())).append("</td><td class=\"ev\">").append(Html.esc(r.evidence()));
            if (r.qualifies() && !r.pagesDetail().isEmpty()) {
                h.append("<div class=\"pg\">pages: ").append(Html.esc(r.pagesDetail())).append("</div>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private void journey(StringBuilder h, String id, String journey, List<Recommendation> recs) {
        h.append("<section id=\"").append(id).append("\" data-journey=\"").append(Html.esc(journey)).append("\"><h2>")
                .append(Html.esc(journey)).append("</h2>\n");
        List<Slo> lanes = new ArrayList<>();
        for (Recommendation r : recs) {
            List<Slo> targets = new ArrayList<>(targetsByGroup.get(r.slo().group()).values());
            h.append("<h3>").append(Html.esc(sli(r.slo()))).append(": recommended ").append(Html.target(r.slo().target()))
                    .append(" <span class=\"muted\">(").append(Html.esc(r.slo().window() + " window, " + r.slo().budgeting()))
                    .append(")</span>").append(r.qualifies() ? "" : " <span class=\"badge\">none qualifies</span>").append("</h3>\n");
            optionsTable(h, r, targets);
            exhaustion(h, r);
            qualityTable(h, r);
            h.append("<div class=\"charts\">").append(attainmentChart(r, nearest(targets, r.slo(), MAX_TARGETS)))
                    .append(burnDownChart(r, targets)).append("</div>\n");
            lanes.addAll(nearest(targets, r.slo(), MAX_TARGETS));
        }
        h.append("<div class=\"charts\">").append(latencyChart(journey)).append(alertChart(journey, lanes)).append("</div></section>\n");
    }

    /** The recommended target's budget on the last evaluated day and its time to exhaustion at that day's burn. */
    private void exhaustion(StringBuilder h, Recommendation r) {
        List<Daily> days = dailyBySlo.getOrDefault(r.slo().sloId(), List.of());
        if (days.isEmpty()) {
            return;
        }
        Daily last = days.get(days.size() - 1);
        Double tte = last.daysToExhaustion();
        h.append("<p class=\"tte\">At ").append(Html.target(r.slo().target())).append(", budget left on ").append(last.day())
                .append(": ").append(Html.pct(last.budgetRemaining())).append("; ")
                .append(tte == null ? "that day burnt none of it"
                        : tte == 0 ? "already spent"
                        : String.format(Locale.ROOT, "at that day's burn rate it would run out in %.0f days", tte))
                .append(" (time to exhaustion, lookback 1 day).</p>\n");
    }

    /**
     * How each alert policy would have paged for the recommended target, scored against the known incidents
     * (alert_quality); the recommended policy marked.
     */
    private void qualityTable(StringBuilder h, Recommendation r) {
        List<ReportData.Quality> rows = data.quality().stream().filter(q -> q.sloId().equals(r.slo().sloId())).toList();
        if (rows.isEmpty()) {
            return;
        }
        h.append("<table class=\"opts aq\" data-alert-quality=\"").append(Html.esc(r.slo().sloId()))
                .append("\"><thead><tr><th>alert policy at ").append(Html.target(r.slo().target()))
                .append("</th><th>known incidents</th><th>detected</th><th>longest delay</th><th>pages</th><th>false pages</th>"
                        + "<th>max false pages / month</th></tr></thead><tbody>");
        for (ReportData.Quality q : rows) {
            boolean chosen = q.policy().equals(r.policy());
            h.append("<tr").append(chosen ? " class=\"chosen\"" : "").append("><td>").append(Html.esc(q.policy()))
                    .append(chosen ? " ◀ recommended" : "").append("</td><td>").append(q.incidents()).append("</td><td>")
                    .append(q.detected()).append("</td><td>").append(q.maxDelayMinutes() == null ? "—" : q.maxDelayMinutes() + " min")
                    .append("</td><td>").append(q.pages()).append("</td><td>").append(q.falsePages()).append("</td><td>")
                    .append(q.maxFalsePagesPerMonth()).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private void optionsTable(StringBuilder h, Recommendation r, List<Slo> targets) {
        h.append("<table class=\"opts\"><thead><tr><th>target</th><th>worst window</th><th>max freeze days / quarter</th>"
                + "<th>max pages / month</th><th>freeze days</th><th>pages</th></tr></thead><tbody>");
        for (Slo s : targets) {
            TargetOption o = TargetOption.of(s, dailyBySlo.getOrDefault(s.sloId(), List.of()),
                    alertsBySlo.getOrDefault(s.sloId(), List.of()));
            boolean chosen = s.target() == r.slo().target();
            h.append("<tr").append(chosen ? " class=\"chosen\"" : "").append("><td>").append(Html.target(s.target()))
                    .append(chosen ? " ◀ recommended" : "").append("</td><td>").append(Html.pct(o.worstAttainment())).append("</td><td>")
                    .append(o.maxFreezeDaysPerQuarter()).append("</td><td>").append(o.maxPagesPerMonth()).append("</td><td>")
                    .append(o.freezeDays()).append("</td><td>").append(o.pages()).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private String attainmentChart(Recommendation r, List<Slo> targets) {
        Map<List<Double>, List<Slo>> distinct = new LinkedHashMap<>();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Slo s : targets) {
            List<Double> values = dailyBySlo.getOrDefault(s.sloId(), List.of()).stream().map(Daily::attainment).toList();
            distinct.computeIfAbsent(values, k -> new ArrayList<>()).add(s);
            for (double v : values) {
                lo = Math.min(lo, nines(v));
            }
            lo = Math.min(lo, nines(s.target()));
            hi = Math.max(hi, nines(s.target()));
        }
        lo = Math.max(0, lo - 0.25);
        hi = Math.min(6, hi + 0.5);
        List<Tick> ticks = new ArrayList<>();
        for (double t : NINES_TICKS) {
            if (nines(t) >= lo && nines(t) <= hi) {
                ticks.add(new Tick(t, Html.target(t)));
            }
        }
        SvgChart c = new SvgChart("attainment", r.slo().journey() + " · " + sli(r.slo()) + ": daily attainment ("
                + r.slo().window() + " window) vs candidate targets (dashed)", new Axis("attainment (nines scale)",
                ReportWriter::nines, lo, hi, ticks), t0, t1, 170);
        for (Slo s : targets) {
            boolean chosen = s.target() == r.slo().target();
            c.reference(s.target(), chosen ? "#1a7f37" : "#888", Html.target(s.target()) + (chosen ? " ★" : ""));
        }
        int i = 0;
        for (Map.Entry<List<Double>, List<Slo>> e : distinct.entrySet()) {
            Slo first = e.getValue().get(0);
            String name = "attainment" + (distinct.size() > 1
                    ? " @ " + String.join(", ", e.getValue().stream().map(s -> Html.target(s.target())).toList()) : "");
            List<Point> pts = new ArrayList<>();
            for (Daily d : dailyBySlo.getOrDefault(first.sloId(), List.of())) {
                pts.add(new Point(dayEnd(d.day()), d.attainment(), d.day() + ": " + Html.pct(d.attainment())));
            }
            c.line(name, PALETTE[i++ % PALETTE.length], pts, true);
        }
        return c.render(nextId());
    }

    private String burnDownChart(Recommendation r, List<Slo> targets) {
        List<Slo> shown = new ArrayList<>();
        for (Slo s : targets) {
            if (s.target() == r.slo().target() || (shown.size() == 1 && s.target() > r.slo().target())) {
                shown.add(s);
            }
        }
        double lo = -0.25;
        for (Slo s : shown) {
            for (Daily d : dailyBySlo.getOrDefault(s.sloId(), List.of())) {
                lo = Math.min(lo, d.budgetRemaining() - 0.05);
            }
        }
        lo = Math.max(-2, lo);
        double step = lo < -1 ? 0.5 : 0.25;
        List<Tick> ticks = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= 1.0001; t += step) {
            ticks.add(new Tick(t, Math.round(t * 100) + "%"));
        }
        SvgChart c = new SvgChart("burndown", r.slo().journey() + " · " + sli(r.slo()) + ": error budget remaining per day"
                + (lo <= -2 ? " (clipped at -200%)" : ""), new Axis("budget remaining", v -> v, lo, 1, ticks), t0, t1, 170)
                .band(0.5, 1, "#e6f4ea", "healthy").band(0.25, 0.5, "#fff4ce", "alert").band(0, 0.25, "#ffe2c6", "pause")
                .band(lo, 0, "#fbd3d3", "freeze")
                .reference(0.5, "#b08900", "alert").reference(0.25, "#c75b00", "pause").reference(0, "#b42318", "freeze");
        String[] colors = {"#1f77b4", "#d62728"};
        for (int i = 0; i < shown.size(); i++) {
            Slo s = shown.get(i);
            List<Point> pts = new ArrayList<>();
            for (Daily d : dailyBySlo.getOrDefault(s.sloId(), List.of())) {
                pts.add(new Point(dayEnd(d.day()), d.budgetRemaining(),
                        d.day() + ": " + Html.pct(d.budgetRemaining()) + " left, " + d.policyState()));
            }
            c.line(Html.target(s.target()) + (i == 0 ? " (recommended)" : " (tighter)"), colors[i], pts, true);
        }
        return c.render(nextId());
    }

    private String latencyChart(String journey) {
        List<Point> p50 = new ArrayList<>();
        List<Point> p99 = new ArrayList<>();
        double max = 0;
        for (Latency l : data.latency()) {
            if (l.journey().equals(journey)) {
                p50.add(new Point(l.hour().toEpochMilli(), l.p50Ms()));
                p99.add(new Point(l.hour().toEpochMilli(), l.p99Ms()));
                max = Math.max(max, l.p99Ms());
            }
        }
        double step = niceStep(max / 5);
        List<Tick> ticks = new ArrayList<>();
        for (double t = 0; t <= max + step; t += step) {
            ticks.add(new Tick(t, String.format(Locale.ROOT, "%.0f ms", t)));
        }
        double top = ticks.get(ticks.size() - 1).value();
        return new SvgChart("latency", journey + ": latency per hour (percentiles of the hour's requests, from sli_hour)",
                new Axis("latency (ms)", v -> v, 0, top, ticks), t0, t1, 170)
                .line("p50", "#1f77b4", p50, false).line("p99", "#ff7f0e", p99, false).render(nextId());
    }

    private String alertChart(String journey, List<Slo> lanes) {
        List<Tick> ticks = new ArrayList<>();
        Map<String, Integer> laneOf = new HashMap<>();
        for (int i = 0; i < lanes.size(); i++) {
            Slo s = lanes.get(i);
            int y = lanes.size() - 1 - i;
            laneOf.put(s.sloId(), y);
            ticks.add(new Tick(y, shortSli(s) + " " + Html.target(s.target())));
        }
        List<Point> pages = new ArrayList<>();
        List<Point> tickets = new ArrayList<>();
        for (Slo s : lanes) {
            for (Alerts a : alertsBySlo.getOrDefault(s.sloId(), List.of())) {
                String tip = sli(s) + " " + Html.target(s.target()) + ": " + a.count() + " " + a.severity()
                        + (a.count() == 1 ? "" : "s") + " in the hour from " + WHEN.format(a.hour()) + " UTC";
                ("page".equals(a.severity()) ? pages : tickets).add(new Point(a.hour().toEpochMilli() + HOUR / 2, laneOf.get(s.sloId()), tip));
            }
        }
        return new SvgChart("alerts", journey + ": burn-rate alerts per hour, per candidate target",
                new Axis("candidate", v -> v, -0.6, Math.max(lanes.size(), 1) - 0.4, ticks), t0, t1, Math.max(60, 18 * lanes.size()))
                .markers("page", "#d62728", false, pages).markers("ticket", "#e69f00", true, tickets).render(nextId());
    }

    /** Up to {@code n} targets of a group nearest the recommended one, in target order. */
    static List<Slo> nearest(List<Slo> targets, Slo chosen, int n) {
        int at = 0;
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).target() == chosen.target()) {
                at = i;
            }
        }
        int from = Math.max(0, Math.min(at - (n - 1) / 2, targets.size() - n));
        return targets.subList(from, Math.min(targets.size(), from + n));
    }

    private static String sli(Slo s) {
        return "latency".equals(s.sli()) ? "latency ≤ " + s.thresholdMs() + " ms"
                : "availability".equals(s.sli()) ? s.sli() : s.sli() + " ≤ " + s.thresholdMs() + " ms"; // p95-30m ≤ 300 ms
    }

    private static String shortSli(Slo s) {
        return "latency".equals(s.sli()) ? "≤" + s.thresholdMs() + "ms"
                : "availability".equals(s.sli()) ? "avail." : s.sli().split("-")[0] + "≤" + s.thresholdMs() + "ms";
    }

    /** The number of nines of a ratio: 0.999 → 3 (capped at 6). */
    static double nines(double ratio) {
        return -Math.log10(Math.max(1 - ratio, 1e-6));
    }

    private static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    private static long dayStart(LocalDate day) {
        return day.toEpochDay() * DAY;
    }

    private static long dayEnd(LocalDate day) {
        return dayStart(day) + DAY;
    }

    private String nextId() {
        return "c" + charts++;
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d1d1f;margin:24px;max-width:1232px}
            h1{margin:0 0 4px}h2{margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{margin:18px 0 6px;font-size:15px}
            .sub,.muted{color:#666}nav a{margin-right:10px}
            table{border-collapse:collapse;margin:6px 0 10px}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f5f5f7;font-weight:600;white-space:normal}table.recs{width:100%}td.tgt{font-weight:700}tr.nq td.tgt{color:#b42318}td{white-space:nowrap}td.ev{white-space:normal;min-width:260px}table.recs td{white-space:normal}table.recs td.tgt{white-space:nowrap}
            table.opts td{text-align:right}table.opts td:first-child{text-align:left}tr.chosen{background:#e6f4ea;font-weight:600}
            .pg{color:#555;font-size:12px;margin-top:2px}
            .badge{background:#fbd3d3;color:#b42318;border-radius:4px;padding:0 6px;font-size:12px}
            .charts{display:flex;flex-wrap:wrap;gap:12px}
            svg.chart{background:#fff;border:1px solid #e3e3e3;border-radius:6px;font-size:11px}
            svg .ct{font-size:13px;font-weight:600}svg .al{fill:#444}svg .rl{font-size:10px;fill:#444}svg .nd{fill:#999}
            svg .axis line{stroke:#999}svg .axis line.grid{stroke:#eee}svg text{fill:#333}
            """;
}
