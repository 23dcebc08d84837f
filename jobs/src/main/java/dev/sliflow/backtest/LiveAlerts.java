package dev.sliflow.backtest;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Maintenance;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SloConfig;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live (streaming) multi-window burn-rate alerting for the candidate SLOs of one journey: fed the final
 * per-minute counts of the journey in increasing minute order, it reports the same firings as
 * {@link Backtester#run} — the decision of every minute is the shared {@link AlertRule}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Minutes without traffic may be left out: {@link #onMinute} first evaluates every skipped minute
 *       as an empty minute, exactly like the batch evaluation does for a minute of zeros, so an alert may
 *       fire or resolve at a skipped minute (e.g. a short window emptying out). {@link #advanceThrough}
 *       evaluates trailing empty minutes without new data (e.g. on an event-time timer).
 *   <li>Series, maintenance, burn rates and tier rates are those of the backtest: availability
 *       (valid = total) or latency (valid = withLatency, good = goodLatency at the candidate's threshold);
 *       a minute {@link Maintenance#covers covered} by a maintenance window of the configuration
 *       contributes nothing; tiers as the configuration's reported (first) alert policy applies them to the
 *       candidate's window ({@link dev.sliflow.slo.AlertPolicy#apply}: windows and rate
 *       {@link AlertTier#forPeriod}, window scale, and minimum bad / valid events of a page tier's long
 *       window) — the firings of the backtest's {@code alerts} table.
 *   <li>History starts empty at the evaluation start: {@code startMillis} when given, else the first
 *       minute fed. The backtest starts empty at 00:00 UTC of its first day, so the two report the same
 *       firings over the same data iff they start at the same minute — give {@code startMillis} = 00:00 of
 *       the backtest's first day, or feed from a first minute at 00:00 (equivalently: starting at the first
 *       minute fed is the same as starting at 00:00 iff the minutes between are empty). Firings still open
 *       at the end have no RESOLVED event yet, like an {@link AlertFiring} with a null resolution.
 * </ul>
 *
 * <h2>State and cost</h2>
 * The state is shared like the batch cache: one ring buffer per distinct SLI series (availability, or
 * latency at one threshold) holding each minute's valid and bad counts for the longest tier window on
 * that series, rolling Σvalid/Σbad per distinct window length of that series, and one {@link AlertRule}
 * per distinct (series, target, tier, rate). Each minute costs O(#windows + #rules), whatever the window
 * lengths; a gap costs at most the longest window in minutes, then the rest is skipped (every window is
 * empty by then). Memory is bounded by #series × longest window, never by time: with the SRE Workbook
 * tiers (3-day ticket window) a series holds 2 × 4320 longs = 69 120 bytes, so availability plus three
 * latency thresholds cost about 277 kB per journey, plus about 69 bytes per rule, constant over time
 * ({@link #stateSizeBytes}).
 * Windows longer than {@link #MAX_WINDOW_MINUTES} are rejected.
 *
 * <p>Serializable (Java serialization; keyed state of a streaming job). Not thread-safe.
 */
public final class LiveAlerts implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The longest tier window supported live: 92 days (a ring of 132 480 minutes, ~2.1 MB per series). */
    public static final int MAX_WINDOW_MINUTES = 92 * JourneyMinutes.MINUTES_PER_DAY;

    private static final long MINUTE_MS = JourneyMinutes.MINUTE_MS;
    private static final long UNSET = Long.MIN_VALUE;

    private final String journey;
    private final List<Maintenance> maintenance;
    private final Series[] series;
    private final Rule[] rules;
    /** One per candidate × tier, in that order: the order of the events of a minute. */
    private final Binding[] bindings;
    /** The longest ring: after this many empty minutes every window is empty and nothing can change. */
    private final int horizon;
    /** Epoch ms of minute index 0, {@link #UNSET} until the first minute when not given. */
    private long startMillis;
    /** Index of the next minute to evaluate (minutes since {@code startMillis}). */
    private long next;

    /**
     * Live alerts for {@code candidates} (all of {@code journey}) with the tiers and maintenance windows of
     * {@code config} (its own candidate list is not used), starting with empty history at the first minute
     * fed. Percentile time-slice candidates are skipped: their slices are judged on merged latency
     * sketches, which the live minutes fed here do not carry; the backtest alerts them.
     *
     * @throws IllegalArgumentException when a candidate is of another journey or its target is not in
     *     (0, 1), or a tier window is shorter than a minute or longer than {@link #MAX_WINDOW_MINUTES}
     */
    public LiveAlerts(String journey, List<Candidate> candidates, SloConfig config) {
        this(journey, candidates, config, UNSET);
    }

    /**
     * Like {@link #LiveAlerts(String, List, SloConfig)}, but starting with empty history at
     * {@code startMillis} (a minute start): minutes from there to the first minute fed are evaluated as
     * empty. With {@code startMillis} = 00:00 UTC of a day, the firings match a backtest from that day.
     */
    public LiveAlerts(String journey, List<Candidate> candidates, SloConfig config, long startMillis) {
        if (startMillis != UNSET) {
            checkAligned(startMillis);
        }
        this.journey = journey;
        this.startMillis = startMillis;
        this.maintenance = config.maintenance() == null ? List.of() : List.copyOf(config.maintenance());
        List<AlertTier> tiers = config.tiers() == null ? List.of() : config.tiers();
        dev.sliflow.slo.AlertPolicy policy = config.reportedPolicy();

        List<SeriesSpec> seriesSpecs = new ArrayList<>();
        Map<String, Integer> seriesIndex = new HashMap<>();
        List<RuleSpec> ruleSpecs = new ArrayList<>();
        Map<RuleKey, Integer> ruleIndex = new HashMap<>();
        List<Binding> bindingList = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.sli() == SliKind.PERCENTILE) {
                continue; // judged on slices of merged sketches, which a live stream does not carry: backtest only
            }
            validate(c);
            int threshold = c.sli() == SliKind.AVAILABILITY ? 0 : c.thresholdMs();
            int s = seriesIndex.computeIfAbsent(c.sli().id() + "/" + threshold, k -> {
                seriesSpecs.add(new SeriesSpec(c.sli(), threshold));
                return seriesSpecs.size() - 1;
            });
            for (AlertTier tier : tiers) {
                AlertTier applied = policy.apply(tier, c.window().days());
                double rate = applied.burnRate();
                long minBad = policy.minBadFor(tier);
                long minValid = policy.minValidFor(tier);
                int r = ruleIndex.computeIfAbsent(new RuleKey(s, c.target(), applied, rate, minBad, minValid), k -> {
                    SeriesSpec spec = seriesSpecs.get(s);
                    ruleSpecs.add(new RuleSpec(s, spec.window(windowMinutes(applied.longWindow(), tier)),
                            spec.window(windowMinutes(applied.shortWindow(), tier)), c.target(), rate, minBad, minValid));
                    return ruleSpecs.size() - 1;
                });
                bindingList.add(new Binding(r, c.sloId(), tier.name(), tier.severity()));
            }
        }
        this.series = seriesSpecs.stream().map(SeriesSpec::build).toArray(Series[]::new);
        this.rules = ruleSpecs.stream().map(RuleSpec::build).toArray(Rule[]::new);
        this.bindings = bindingList.toArray(Binding[]::new);
        int longest = 0;
        for (Series s : series) {
            longest = Math.max(longest, s.ringValid.length);
        }
        this.horizon = longest;
    }

    /**
     * Evaluates the minutes skipped since the last one as empty, then this minute, and returns the
     * firings and resolutions of those minutes (in minute order, then candidate and tier order).
     *
     * @param minuteMillis epoch ms of the start of the minute, after the last minute evaluated
     * @param total requests (valid events of availability)
     * @param good requests that are not bad
     * @param withLatency requests with a latency value (valid events of latency)
     * @param goodLatency threshold (ms) → good requests within it; a null count is 0
     * @throws IllegalArgumentException when the minute is not a minute start, is not after
     *     {@link #lastMinute()} (out of order or duplicate) or before {@code startMillis}; the state is
     *     then unchanged
     * @throws MissingThresholdException when the minute has requests with latency but no count for the
     *     latency threshold of a candidate (ingested before the threshold was in the catalog): unknown is
     *     not bad, so it is refused rather than counted as slow — as the backtest refuses days whose rows
     *     lack it; the state is then unchanged
     */
    public List<AlertEvent> onMinute(long minuteMillis, long total, long good, long withLatency,
            Map<Integer, Long> goodLatency) {
        checkAligned(minuteMillis);
        long start = startMillis == UNSET ? minuteMillis : startMillis;
        long index = Math.floorDiv(minuteMillis - start, MINUTE_MS);
        if (index < next) {
            throw new IllegalArgumentException("journey " + journey + ": minute " + Instant.ofEpochMilli(minuteMillis)
                    + (next == 0 ? " is before the start " + Instant.ofEpochMilli(start)
                            : " is not after the last minute evaluated " + Instant.ofEpochMilli(lastMinute())));
        }
        long[] valid = new long[series.length];
        long[] bad = new long[series.length];
        boolean inMaintenance = inMaintenance(minuteMillis);
        for (int i = 0; i < series.length; i++) {
            Series s = series[i];
            long v;
            long g;
            if (s.kind == SliKind.AVAILABILITY) {
                v = total;
                g = good;
            } else {
                v = withLatency;
                if (goodLatency == null || !goodLatency.containsKey(s.thresholdMs)) {
                    if (withLatency != 0) {
                        throw new MissingThresholdException("journey " + journey + ": minute "
                                + Instant.ofEpochMilli(minuteMillis) + " has no count for its latency threshold "
                                + s.thresholdMs + " ms (thresholds: " + (goodLatency == null ? "none"
                                        : goodLatency.keySet()) + "; ingested before the threshold was in the journey"
                                + " catalog): re-ingest it with the current catalog");
                    }
                    g = 0;
                } else {
                    Long within = goodLatency.get(s.thresholdMs);
                    g = within == null ? 0 : within;
                }
            }
            valid[i] = inMaintenance ? 0 : v;
            bad[i] = inMaintenance ? 0 : v - g;
        }

        startMillis = start;
        List<AlertEvent> events = new ArrayList<>(0);
        advanceEmpty(index, events);
        for (int i = 0; i < series.length; i++) {
            series[i].add(index, valid[i], bad[i]);
        }
        evaluate(minuteMillis, events);
        next = index + 1;
        return events;
    }

    /**
     * Evaluates every minute up to and including {@code minuteMillis} that is not evaluated yet as an
     * empty minute (no traffic), e.g. when event time has passed minutes without data, and returns the
     * firings and resolutions. A no-op when {@code minuteMillis} ≤ {@link #lastMinute()}, and before the
     * first minute when no {@code startMillis} was given (history starts at the first minute fed).
     *
     * @throws IllegalArgumentException when {@code minuteMillis} is not a minute start
     */
    public List<AlertEvent> advanceThrough(long minuteMillis) {
        checkAligned(minuteMillis);
        List<AlertEvent> events = new ArrayList<>(0);
        if (startMillis != UNSET) {
            long end = Math.floorDiv(minuteMillis - startMillis, MINUTE_MS) + 1;
            if (end > next) {
                advanceEmpty(end, events);
            }
        }
        return events;
    }

    /**
     * Epoch ms of the start of the last minute evaluated (fed or skipped), or {@link Long#MIN_VALUE}
     * before any.
     */
    public long lastMinute() {
        return next == 0 ? Long.MIN_VALUE : startMillis + (next - 1) * MINUTE_MS;
    }

    /** The journey. */
    public String journey() {
        return journey;
    }

    /** The longest ring buffer, in minutes: the longest tier window (4320 for the SRE Workbook tiers). */
    public int ringMinutes() {
        return horizon;
    }

    /**
     * The size of the mutable state in bytes: ring buffers (16 bytes per minute per series), rolling window
     * sums and rule states. It depends on the candidates and tiers only, never on the number of minutes
     * fed. Excludes the configuration (ids, maintenance windows) and JVM object headers.
     */
    public long stateSizeBytes() {
        long bytes = 0;
        for (Series s : series) {
            bytes += 16L * s.ringValid.length + 20L * s.windows.length;
        }
        return bytes + Rule.BYTES * rules.length + 16; // + startMillis, next
    }

    /** Evaluates minutes {@code next} … {@code end − 1} as empty, skipping once every window is empty. */
    private void advanceEmpty(long end, List<AlertEvent> events) {
        long evaluate = Math.min(end - next, horizon);
        for (long i = next; i < next + evaluate; i++) {
            for (Series s : series) {
                s.add(i, 0, 0);
            }
            evaluate(startMillis + i * MINUTE_MS, events);
        }
        // after `horizon` empty minutes all sums are 0: the remaining minutes change nothing
        next = end;
    }

    /** Steps every rule on the current window sums and reports its transitions. */
    private void evaluate(long minuteMillis, List<AlertEvent> events) {
        boolean changed = false;
        for (Rule r : rules) {
            Series s = series[r.series];
            r.last = r.rule.step(s.windowBad[r.longWindow], s.windowValid[r.longWindow], s.windowBad[r.shortWindow],
                    s.windowValid[r.shortWindow]);
            if (r.last == AlertRule.Transition.FIRED) {
                r.firedAtMillis = minuteMillis;
            }
            changed |= r.last != AlertRule.Transition.NONE;
        }
        if (!changed) {
            return;
        }
        for (Binding b : bindings) {
            Rule r = rules[b.rule];
            if (r.last != AlertRule.Transition.NONE) {
                AlertEvent.Kind kind = r.last == AlertRule.Transition.FIRED ? AlertEvent.Kind.FIRED
                        : AlertEvent.Kind.RESOLVED;
                events.add(new AlertEvent(kind, journey, b.sloId, b.tier, b.severity, minuteMillis, r.firedAtMillis,
                        r.rule.firedLongBurn(), r.rule.firedShortBurn(), r.rule.rate()));
            }
        }
    }

    private boolean inMaintenance(long minuteMillis) {
        for (Maintenance m : maintenance) {
            if (m.covers(minuteMillis)) {
                return true;
            }
        }
        return false;
    }

    private void validate(Candidate c) {
        if (!journey.equals(c.journey())) {
            throw new IllegalArgumentException("candidate " + c.sloId() + " is not of journey " + journey);
        }
        if (!(c.target() > 0 && c.target() < 1)) {
            throw new IllegalArgumentException("candidate " + c.sloId() + ": target must be in (0, 1), got "
                    + c.target());
        }
    }

    private static int windowMinutes(java.time.Duration window, AlertTier tier) {
        int minutes = BurnRateAlerts.minutesOf(window, tier);
        if (minutes > MAX_WINDOW_MINUTES) {
            throw new IllegalArgumentException("alert tier " + tier.name() + ": windows longer than "
                    + MAX_WINDOW_MINUTES / JourneyMinutes.MINUTES_PER_DAY + " days are not supported live");
        }
        return minutes;
    }

    private static void checkAligned(long minuteMillis) {
        if (Math.floorMod(minuteMillis, MINUTE_MS) != 0) {
            throw new IllegalArgumentException("not a minute start: " + Instant.ofEpochMilli(minuteMillis));
        }
    }

    /**
     * One SLI series: the valid and bad counts of the last {@code ringValid.length} minutes (minute i at
     * slot i mod length) and the rolling sums over each distinct window length.
     */
    private static final class Series implements Serializable {
        private static final long serialVersionUID = 1L;
        final SliKind kind;
        final int thresholdMs;
        final int[] windows;
        final long[] windowValid;
        final long[] windowBad;
        final long[] ringValid;
        final long[] ringBad;

        Series(SliKind kind, int thresholdMs, int[] windows, int ringMinutes) {
            this.kind = kind;
            this.thresholdMs = thresholdMs;
            this.windows = windows;
            this.windowValid = new long[windows.length];
            this.windowBad = new long[windows.length];
            this.ringValid = new long[ringMinutes];
            this.ringBad = new long[ringMinutes];
        }

        /**
         * Adds minute {@code index}: every window gains it and loses minute index − length (read from the
         * ring before the slot is overwritten: the ring is at least as long as every window, and slots of
         * minutes before the start are 0).
         */
        void add(long index, long valid, long bad) {
            long length = ringValid.length;
            if (length == 0) {
                return; // no tiers
            }
            for (int w = 0; w < windows.length; w++) {
                int old = (int) Math.floorMod(index - windows[w], length);
                windowValid[w] += valid - ringValid[old];
                windowBad[w] += bad - ringBad[old];
            }
            int slot = (int) Math.floorMod(index, length);
            ringValid[slot] = valid;
            ringBad[slot] = bad;
        }
    }

    /** The state of one distinct (series, target, tier, rate). */
    private static final class Rule implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The rule (two thresholds, two minimum counts, a flag and two burn rates), indices and the firing minute. */
        static final long BYTES = 8 * 6 + 1 + 4 * 3 + 8;
        final int series;
        final int longWindow;
        final int shortWindow;
        final AlertRule rule;
        long firedAtMillis;
        /** The transition of the minute being evaluated; not state. */
        transient AlertRule.Transition last;

        Rule(int series, int longWindow, int shortWindow, AlertRule rule) {
            this.series = series;
            this.longWindow = longWindow;
            this.shortWindow = shortWindow;
            this.rule = rule;
        }
    }

    /** A candidate × tier reporting the transitions of a rule. */
    private record Binding(int rule, String sloId, String tier, String severity) implements Serializable {}

    private record RuleKey(int series, double target, AlertTier tier, double rate, long minBad, long minValid) {}

    /** Collects the window lengths of a series while rules are registered. */
    private static final class SeriesSpec {
        final SliKind kind;
        final int thresholdMs;
        final List<Integer> windows = new ArrayList<>();

        SeriesSpec(SliKind kind, int thresholdMs) {
            this.kind = kind;
            this.thresholdMs = thresholdMs;
        }

        /** The index of a window length, added when new. */
        int window(int minutes) {
            int i = windows.indexOf(minutes);
            if (i >= 0) {
                return i;
            }
            windows.add(minutes);
            return windows.size() - 1;
        }

        Series build() {
            int[] w = windows.stream().mapToInt(Integer::intValue).toArray();
            return new Series(kind, thresholdMs, w, java.util.Arrays.stream(w).max().orElse(0));
        }
    }

    private record RuleSpec(int series, int longWindow, int shortWindow, double target, double rate, long minBad,
            long minValid) {
        Rule build() {
            return new Rule(series, longWindow, shortWindow, new AlertRule(target, rate, minBad, minValid));
        }
    }
}
