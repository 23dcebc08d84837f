package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Incident;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one alert policy would have paged for one candidate SLO, scored against the known incidents of its
 * journey and SLI (a row of the {@code alert_quality} table).
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Pages</b> are the candidate's page-tier firings under the policy, counted as the policy counts
 *       them ({@link Pages}); a page spans [first firing, resolution) — to the end of the range when it
 *       never resolved.
 *   <li><b>Incidents</b> are the declared incidents of the candidate's journey and SLI (latency incidents
 *       count for every latency threshold) that overlap the backtested range, as minutes: from the minute
 *       holding {@code start} up to the minute holding {@code end} (exclusive when {@code end} is a minute
 *       start), clipped to the range.
 *   <li>An incident is <b>detected</b> when some page overlaps it (it fired during the incident, or was
 *       still open when it started); its <b>detection delay</b> is the minutes from the incident's start to
 *       the first firing of the earliest such page, 0 when that page fired before the start.
 *       {@code maxDetectionDelayMinutes} / {@code meanDetectionDelayMinutes} are over the detected
 *       incidents, null when none was detected (also when there is none).
 *   <li>A <b>false page</b> overlaps no declared incident of the journey and SLI (with no incident
 *       declared, every page is a false page).
 *   <li>Per month: pages (and false pages) by the calendar month of their first firing; the maxima are over
 *       the months the range touches (0 when none).
 * </ul>
 *
 * @param policy the alert policy's name
 * @param firstPagesMillis epoch ms of the first firing of the first (up to {@link #FIRST_PAGES_KEPT}) pages,
 *     for the evidence sentence
 * @param firstPageIncidents for each of those pages, the first declared incident it overlaps as epoch ms
 *     {@code [start, end)} of its span of minutes, or null for a false page
 */
public record AlertQuality(Candidate candidate, String sloId, String policy, int incidents, int detected,
        Integer maxDetectionDelayMinutes, Double meanDetectionDelayMinutes, int pages, int falsePages,
        int maxPagesPerMonth, int maxFalsePagesPerMonth, List<Long> firstPagesMillis, List<long[]> firstPageIncidents) {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter
            .ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** How many page times {@link #firstPagesMillis} keeps. */
    public static final int FIRST_PAGES_KEPT = 3;

    /**
     * The first pages and the incident each belongs to, for people: "2026-01-12 13:58 (incident 2026-01-12
     * 13:54–14:12); 2026-02-11 04:12 (no known incident); … and 3 more"; empty when it did not page.
     */
    public String pagesDetail() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < firstPagesMillis.size(); i++) {
            long[] inc = firstPageIncidents.get(i);
            b.append(i == 0 ? "" : "; ").append(MINUTE.format(Instant.ofEpochMilli(firstPagesMillis.get(i))))
                    .append(inc == null ? " (no known incident)" : " (incident " + MINUTE.format(Instant.ofEpochMilli(inc[0]))
                            + "–" + HOUR_MINUTE.format(Instant.ofEpochMilli(inc[1])) + ")");
        }
        if (pages > firstPagesMillis.size()) {
            b.append("; … and ").append(pages - firstPagesMillis.size()).append(" more");
        }
        return b.toString();
    }

    /** Incidents not detected. */
    public int missed() {
        return incidents - detected;
    }

    /** Whether every declared incident (of at least one) was detected, or none was declared. */
    public boolean detectsAll() {
        return detected == incidents;
    }

    /** A declared incident as minutes [from, to) of the range. */
    record Span(int from, int to) {}

    /**
     * The incidents of {@code candidate}'s journey and SLI that overlap the range of {@code data}, as spans
     * of minutes, in the order declared.
     */
    static List<Span> spans(JourneyMinutes data, List<Incident> incidents, Candidate candidate) {
        List<Span> out = new ArrayList<>();
        for (Incident i : incidents) {
            if (!i.journey().equals(candidate.journey()) || i.sli() != candidate.sli()) {
                continue;
            }
            long from = Math.floorDiv(i.start().toEpochMilli() - data.startMillis(), JourneyMinutes.MINUTE_MS);
            long to = -Math.floorDiv(-(i.end().toEpochMilli() - data.startMillis()), JourneyMinutes.MINUTE_MS);
            from = Math.max(0, from);
            to = Math.min(data.minutes(), to);
            if (from < to) {
                out.add(new Span((int) from, (int) to));
            }
        }
        return out;
    }

    /**
     * Scores {@code pages} of {@code candidate} under {@code policy} against {@code spans}.
     *
     * @param monthOfDay the calendar month key ("YYYY-MM") of each day index of the range
     */
    static AlertQuality of(Candidate candidate, String sloId, String policy, List<Pages.Page> pages, List<Span> spans,
            JourneyMinutes data, String[] monthOfDay) {
        int n = data.minutes();
        int falsePages = 0;
        int[] firstFired = new int[spans.size()];
        java.util.Arrays.fill(firstFired, -1);
        Map<String, Integer> perMonth = new HashMap<>();
        Map<String, Integer> falsePerMonth = new HashMap<>();
        List<Long> first = new ArrayList<>(FIRST_PAGES_KEPT);
        List<long[]> firstIncidents = new ArrayList<>(FIRST_PAGES_KEPT);
        for (Pages.Page p : pages) {
            boolean matched = false;
            long[] incident = null;
            for (int i = 0; i < spans.size(); i++) {
                Span s = spans.get(i);
                if (p.firedMinute() < s.to() && s.from() < p.end(n)) {
                    if (!matched) {
                        incident = new long[] {data.minuteMillis(s.from()), data.minuteMillis(s.to())};
                    }
                    matched = true;
                    if (firstFired[i] < 0) { // pages come in firing order: the first overlapping one
                        firstFired[i] = p.firedMinute();
                    }
                }
            }
            String month = monthOfDay[p.firedMinute() / JourneyMinutes.MINUTES_PER_DAY];
            perMonth.merge(month, 1, Integer::sum);
            if (!matched) {
                falsePages++;
                falsePerMonth.merge(month, 1, Integer::sum);
            }
            if (first.size() < FIRST_PAGES_KEPT) {
                first.add(data.minuteMillis(p.firedMinute()));
                firstIncidents.add(incident);
            }
        }
        int detected = 0;
        int maxDelay = 0;
        long sumDelay = 0;
        for (int i = 0; i < spans.size(); i++) {
            if (firstFired[i] >= 0) {
                int delay = Math.max(0, firstFired[i] - spans.get(i).from());
                detected++;
                maxDelay = Math.max(maxDelay, delay);
                sumDelay += delay;
            }
        }
        return new AlertQuality(candidate, sloId, policy, spans.size(), detected, detected == 0 ? null : maxDelay,
                detected == 0 ? null : (double) sumDelay / detected, pages.size(), falsePages, max(perMonth),
                max(falsePerMonth), List.copyOf(first), Collections.unmodifiableList(firstIncidents));
    }

    private static int max(Map<String, Integer> perMonth) {
        int m = 0;
        for (int v : perMonth.values()) {
            m = Math.max(m, v);
        }
        return m;
    }
}
