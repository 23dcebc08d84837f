package dev.sliflow.backtest;

import dev.sliflow.slo.Maintenance;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One journey's per-minute counts over a contiguous UTC range of whole days: minute {@code m} starts at
 * {@code startMillis + m * 60 000}. Minutes without traffic hold zeros.
 *
 * @param journey the journey name
 * @param startMillis epoch ms of 00:00 UTC of the first day
 * @param minutes the number of minutes, a positive multiple of 1440
 * @param total requests per minute
 * @param good requests that are not bad (availability good) per minute
 * @param withLatency requests with a latency value per minute (the valid events of a latency SLI)
 * @param thresholdsMs latency thresholds (ascending when made by the {@link Builder})
 * @param goodLatency {@code goodLatency[i][m]} = good requests within {@code thresholdsMs[i]} in minute m
 * @param lacking threshold → the days (indexes from the first day) on which some row with latency carried
 *     no count for it (ingested before the threshold was in the catalog): its goodLatency there is
 *     unknown, not 0, and a latency SLI at that threshold is refused ({@link MissingThresholdException});
 *     thresholds lacking nowhere are absent
 * @param sketches what the percentile time-slice SLOs of the journey need of the minutes' latency
 *     sketches ({@link SketchCounts}, its arrays of {@code minutes} length); null when none was loaded
 */
public record JourneyMinutes(String journey, long startMillis, int minutes, long[] total, long[] good,
        long[] withLatency, int[] thresholdsMs, long[][] goodLatency, Map<Integer, BitSet> lacking,
        SketchCounts sketches) {

    /** Minutes whose rows all carried every threshold. */
    public JourneyMinutes(String journey, long startMillis, int minutes, long[] total, long[] good,
            long[] withLatency, int[] thresholdsMs, long[][] goodLatency) {
        this(journey, startMillis, minutes, total, good, withLatency, thresholdsMs, goodLatency, Map.of());
    }

    /** Without sketch counts (no percentile SLO). */
    public JourneyMinutes(String journey, long startMillis, int minutes, long[] total, long[] good,
            long[] withLatency, int[] thresholdsMs, long[][] goodLatency, Map<Integer, BitSet> lacking) {
        this(journey, startMillis, minutes, total, good, withLatency, thresholdsMs, goodLatency, lacking, null);
    }

    /** The same minutes with {@code sketches} as their sketch counts. */
    public JourneyMinutes withSketches(SketchCounts sketches) {
        return new JourneyMinutes(journey, startMillis, minutes, total, good, withLatency, thresholdsMs, goodLatency,
                lacking, sketches);
    }

    public static final int MINUTES_PER_DAY = 1440;
    public static final long MINUTE_MS = 60_000L;
    static final long DAY_MS = MINUTES_PER_DAY * MINUTE_MS;

    public JourneyMinutes {
        Objects.requireNonNull(journey, "journey");
        Objects.requireNonNull(lacking, "lacking");
        if (Math.floorMod(startMillis, DAY_MS) != 0) {
            throw new IllegalArgumentException("startMillis must be a UTC midnight: " + startMillis);
        }
        if (minutes <= 0 || minutes % MINUTES_PER_DAY != 0) {
            throw new IllegalArgumentException("minutes must be a positive multiple of 1440: " + minutes);
        }
        if (total.length != minutes || good.length != minutes || withLatency.length != minutes
                || goodLatency.length != thresholdsMs.length) {
            throw new IllegalArgumentException("array lengths do not match " + minutes + " minutes / "
                    + thresholdsMs.length + " thresholds");
        }
        for (long[] g : goodLatency) {
            if (g.length != minutes) {
                throw new IllegalArgumentException("goodLatency rows must have " + minutes + " minutes");
            }
        }
        if (sketches != null && sketches.count().length != minutes) {
            throw new IllegalArgumentException("sketch counts must have " + minutes + " minutes");
        }
    }

    /** The first day of the range. */
    public LocalDate firstDay() {
        return Windows.dayOf(startMillis);
    }

    /** The number of whole days in the range. */
    public int days() {
        return minutes / MINUTES_PER_DAY;
    }

    /** Epoch ms of the start of minute {@code m}. */
    public long minuteMillis(int m) {
        return startMillis + m * MINUTE_MS;
    }

    /** The index of a threshold in {@link #thresholdsMs}, or −1. */
    public int thresholdIndex(int thresholdMs) {
        for (int i = 0; i < thresholdsMs.length; i++) {
            if (thresholdsMs[i] == thresholdMs) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Refuses a latency SLI at {@code thresholdMs} when some of its minutes carry no count for it.
     *
     * @throws MissingThresholdException naming the journey, the threshold and the dates lacking it
     */
    public void requireThreshold(int thresholdMs) {
        BitSet days = lacking.get(thresholdMs);
        if (days != null && !days.isEmpty()) {
            List<LocalDate> dates = new java.util.ArrayList<>();
            for (int d = days.nextSetBit(0); d >= 0; d = days.nextSetBit(d + 1)) {
                dates.add(firstDay().plusDays(d));
            }
            throw MissingThresholdException.of(journey, thresholdMs, dates);
        }
    }

    /**
     * Which minutes lie in a maintenance window: {@code mask[m]} is true when any window
     * {@link Maintenance#covers covers} minute m.
     */
    public boolean[] maintenanceMask(List<Maintenance> maintenance) {
        boolean[] mask = new boolean[minutes];
        if (maintenance.isEmpty()) {
            return mask;
        }
        for (int m = 0; m < minutes; m++) {
            long minute = minuteMillis(m);
            for (Maintenance w : maintenance) {
                if (w.covers(minute)) {
                    mask[m] = true;
                    break;
                }
            }
        }
        return mask;
    }

    /** A builder for the range {@code [fromDay, toDay]} (both inclusive). */
    public static Builder builder(String journey, LocalDate fromDay, LocalDate toDay) {
        return new Builder(journey, fromDay, toDay);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JourneyMinutes j && journey.equals(j.journey) && startMillis == j.startMillis
                && minutes == j.minutes && Arrays.equals(total, j.total) && Arrays.equals(good, j.good)
                && Arrays.equals(withLatency, j.withLatency) && Arrays.equals(thresholdsMs, j.thresholdsMs)
                && Arrays.deepEquals(goodLatency, j.goodLatency) && lacking.equals(j.lacking)
                && Objects.equals(sketches, j.sketches);
    }

    @Override
    public int hashCode() {
        return Objects.hash(journey, startMillis, minutes, Arrays.hashCode(total), Arrays.hashCode(good),
                Arrays.hashCode(withLatency), Arrays.hashCode(thresholdsMs), Arrays.deepHashCode(goodLatency), lacking,
                sketches);
    }

    @Override
    public String toString() {
        return "JourneyMinutes[" + journey + ", " + firstDay() + ", " + days() + " days, thresholds "
                + Arrays.toString(thresholdsMs) + "]";
    }

    /**
     * Collects {@code sli_minute} rows of one journey, in any order, summing rows of the same minute
     * (several regions). Thresholds are the union of those seen in the rows; a row without a threshold
     * contributes 0 to it, and when that row has requests with latency its day is recorded as
     * {@link JourneyMinutes#lacking lacking} the threshold.
     */
    public static final class Builder {
        private final String journey;
        private final LocalDate fromDay;
        private final LocalDate toDay;
        private final long startMillis;
        private final int minutes;
        private final long[] total;
        private final long[] good;
        private final long[] withLatency;
        private final TreeMap<Integer, long[]> goodLatency = new TreeMap<>();
        /** Latencies in the minutes' sketches; null until sketch counts are declared or added. */
        private long[] sketchCount;
        /** Threshold → latencies in sketch bins of value ≤ it, per minute. */
        private final TreeMap<Integer, long[]> sketchAtMost = new TreeMap<>();
        /** Day index → the thresholds every row with latency of that day carried (absent: no such row yet). */
        private final Map<Integer, java.util.Set<Integer>> inEveryRow = new HashMap<>();

        private Builder(String journey, LocalDate fromDay, LocalDate toDay) {
            if (toDay.isBefore(fromDay)) {
                throw new IllegalArgumentException("empty range: " + fromDay + " > " + toDay);
            }
            this.journey = journey;
            this.fromDay = fromDay;
            this.toDay = toDay;
            this.startMillis = fromDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            this.minutes = Math.toIntExact((toDay.toEpochDay() - fromDay.toEpochDay() + 1) * MINUTES_PER_DAY);
            this.total = new long[minutes];
            this.good = new long[minutes];
            this.withLatency = new long[minutes];
        }

        /**
         * Adds one row.
         *
         * @param minuteMillis epoch ms of the start of a minute inside the range
         * @param goodLatency threshold (ms) → good requests within it
         * @throws IllegalArgumentException when the minute is not minute-aligned or outside the range
         */
        public Builder add(long minuteMillis, long total, long good, long withLatency,
                Map<Integer, Long> goodLatency) {
            int m = minuteIndex(minuteMillis);
            addCounts(m, total, good, withLatency);
            for (Map.Entry<Integer, Long> e : goodLatency.entrySet()) {
                this.goodLatency.computeIfAbsent(e.getKey(), k -> new long[minutes])[m] += e.getValue();
            }
            if (withLatency > 0) {
                carried(m / MINUTES_PER_DAY, goodLatency.keySet());
            }
            return this;
        }

        /**
         * Adds {@code total.length} consecutive minutes from {@code firstMinuteMillis} at once (several
         * rows of them already summed): {@code goodLatency[i][k]} requests within {@code thresholdsMs[i]}
         * ms in the k-th minute (distinct thresholds) — the same as one {@link #add(long, long, long, long,
         * Map)} per minute, without a map per minute, when every row with latency carried every one of
         * {@code thresholdsMs}.
         *
         * @throws IllegalArgumentException when a minute is outside the range (as {@code add}) or the
         *     arrays' lengths differ
         */
        public Builder addMinutes(long firstMinuteMillis, long[] total, long[] good, long[] withLatency,
                int[] thresholdsMs, long[][] goodLatency) {
            return addMinutes(firstMinuteMillis, total, good, withLatency, thresholdsMs, goodLatency, thresholdsMs);
        }

        /**
         * As {@link #addMinutes(long, long[], long[], long[], int[], long[][])}, with the thresholds that
         * every row with latency of these minutes carried ({@code inEveryRow}, null when no row had
         * latency): the days of these minutes lack the others.
         */
        public Builder addMinutes(long firstMinuteMillis, long[] total, long[] good, long[] withLatency,
                int[] thresholdsMs, long[][] goodLatency, int[] inEveryRow) {
            int n = total.length;
            if (good.length != n || withLatency.length != n || thresholdsMs.length != goodLatency.length) {
                throw new IllegalArgumentException("array lengths do not match (journey " + journey + ")");
            }
            if (n == 0) {
                return this;
            }
            int first = minuteIndex(firstMinuteMillis);
            minuteIndex(firstMinuteMillis + (n - 1) * MINUTE_MS);
            for (int k = 0; k < n; k++) {
                addCounts(first + k, total[k], good[k], withLatency[k]);
            }
            for (int i = 0; i < thresholdsMs.length; i++) {
                if (goodLatency[i].length != n) {
                    throw new IllegalArgumentException("array lengths do not match (journey " + journey + ")");
                }
                long[] row = this.goodLatency.computeIfAbsent(thresholdsMs[i], t -> new long[minutes]);
                for (int k = 0; k < n; k++) {
                    row[first + k] += goodLatency[i][k];
                }
            }
            if (inEveryRow != null) {
                java.util.Set<Integer> carried = new java.util.HashSet<>();
                for (int t : inEveryRow) {
                    carried.add(t);
                }
                int noted = -1; // once per day with latency
                for (int k = 0; k < n; k++) {
                    int day = (first + k) / MINUTES_PER_DAY;
                    if (withLatency[k] > 0 && day != noted) {
                        carried(day, carried);
                        noted = day;
                    }
                }
            }
            return this;
        }

        /**
         * Declares the thresholds of the journey's percentile SLOs: the built minutes carry sketch counts
         * for them (zeros where nothing is added), also when no minute had a sketch.
         */
        public Builder sketchThresholds(int... thresholdsMs) {
            if (sketchCount == null) {
                sketchCount = new long[minutes];
            }
            for (int t : thresholdsMs) {
                sketchAtMost.computeIfAbsent(t, k -> new long[minutes]);
            }
            return this;
        }

        /**
         * Adds the sketch counts of {@code count.length} consecutive minutes from {@code firstMinuteMillis}
         * (several rows of them already summed): {@code count[k]} latencies in the k-th minute's sketches,
         * {@code atMost[i][k]} of them in bins of value ≤ {@code thresholdsMs[i]} ({@link SketchCounts}).
         *
         * @throws IllegalArgumentException when a minute is outside the range or the arrays' lengths differ
         */
        public Builder addSketchCounts(long firstMinuteMillis, long[] count, int[] thresholdsMs, long[][] atMost) {
            int n = count.length;
            if (thresholdsMs.length != atMost.length) {
                throw new IllegalArgumentException("array lengths do not match (journey " + journey + ")");
            }
            if (n == 0) {
                return this;
            }
            int first = minuteIndex(firstMinuteMillis);
            minuteIndex(firstMinuteMillis + (n - 1) * MINUTE_MS);
            sketchThresholds(thresholdsMs);
            for (int k = 0; k < n; k++) {
                sketchCount[first + k] += count[k];
            }
            for (int i = 0; i < thresholdsMs.length; i++) {
                if (atMost[i].length != n) {
                    throw new IllegalArgumentException("array lengths do not match (journey " + journey + ")");
                }
                long[] row = sketchAtMost.get(thresholdsMs[i]);
                for (int k = 0; k < n; k++) {
                    row[first + k] += atMost[i][k];
                }
            }
            return this;
        }

        private int minuteIndex(long minuteMillis) {
            long offset = minuteMillis - startMillis;
            if (Math.floorMod(offset, MINUTE_MS) != 0 || offset < 0 || offset / MINUTE_MS >= minutes) {
                throw new IllegalArgumentException("minute " + java.time.Instant.ofEpochMilli(minuteMillis)
                        + " is not a minute start inside " + fromDay + ".." + toDay + " (journey " + journey + ")");
            }
            return (int) (offset / MINUTE_MS);
        }

        /** Notes that a row with latency on day {@code day} carried exactly {@code thresholds}. */
        private void carried(int day, java.util.Set<Integer> thresholds) {
            java.util.Set<Integer> every = inEveryRow.get(day);
            if (every == null) {
                inEveryRow.put(day, new java.util.HashSet<>(thresholds));
            } else {
                every.retainAll(thresholds);
            }
        }

        private void addCounts(int m, long total, long good, long withLatency) {
            this.total[m] += total;
            this.good[m] += good;
            this.withLatency[m] += withLatency;
        }

        public JourneyMinutes build() {
            int[] thresholds = goodLatency.keySet().stream().mapToInt(Integer::intValue).toArray();
            long[][] gl = new long[thresholds.length][];
            for (int i = 0; i < thresholds.length; i++) {
                gl[i] = goodLatency.get(thresholds[i]).clone();
            }
            Map<Integer, BitSet> lacking = new HashMap<>();
            for (Map.Entry<Integer, java.util.Set<Integer>> e : inEveryRow.entrySet()) {
                for (int t : thresholds) {
                    if (!e.getValue().contains(t)) {
                        lacking.computeIfAbsent(t, k -> new BitSet()).set(e.getKey());
                    }
                }
            }
            SketchCounts sketches = null;
            if (sketchCount != null) {
                int[] st = sketchAtMost.keySet().stream().mapToInt(Integer::intValue).toArray();
                long[][] am = new long[st.length][];
                for (int i = 0; i < st.length; i++) {
                    am[i] = sketchAtMost.get(st[i]).clone();
                }
                sketches = new SketchCounts(st, sketchCount.clone(), am);
            }
            return new JourneyMinutes(journey, startMillis, minutes, total.clone(), good.clone(),
                    withLatency.clone(), thresholds, gl, lacking, sketches);
        }
    }
}
