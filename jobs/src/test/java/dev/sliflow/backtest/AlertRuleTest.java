package dev.sliflow.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AlertRule}: skipping to {@link AlertRule#nextChange} gives exactly the transitions of stepping
 * every minute, and the condition is decided exactly on the counts.
 */
class AlertRuleTest {
    private static final double[] TARGETS = {0.999, 0.99, 0.9999, 0.95, 0.9, 0.5, 0.99999, 0.9995};
    private static final double[] RATES = {14.4, 6, 3, 1, 0.5, 0, -1, 1e300, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN};

    /** A series of one minute per entry, to read windows from. */
    static SliSeries series(long[] valid, long[] bad) {
        long[] good = new long[valid.length];
        for (int m = 0; m < valid.length; m++) {
            good[m] = valid[m] - bad[m];
        }
        int minutes = ((valid.length + 1439) / 1440) * 1440;
        JourneyMinutes d = new JourneyMinutes("j", 0, minutes, java.util.Arrays.copyOf(valid, minutes),
                java.util.Arrays.copyOf(good, minutes), new long[minutes], new int[0], new long[0][]);
        return SliSeries.of(d, dev.sliflow.slo.SliKind.AVAILABILITY, 0, new boolean[minutes]);
    }

    /** Every minute through {@link AlertRule#step}: (minute, transition, burn rates at firing). */
    static List<String> stepped(AlertRule rule, SliSeries s, int n, int l, int sh) {
        List<String> out = new ArrayList<>();
        for (int m = 0; m < n; m++) {
            int e = m + 1;
            AlertRule.Transition t = rule.step(s.bad(e - l, e), s.valid(e - l, e), s.bad(e - sh, e), s.valid(e - sh, e));
            if (t != AlertRule.Transition.NONE) {
                out.add(m + " " + t + " " + rule.firedLongBurn() + " " + rule.firedShortBurn());
            }
        }
        return out;
    }

    /** Only the minutes {@link AlertRule#nextChange} names, as {@link BurnRateAlerts} does. */
    static List<String> skipped(AlertRule rule, SliSeries s, int n, int l, int sh) {
        List<String> out = new ArrayList<>();
        for (int m = rule.nextChange(s, l, sh, 0, n); m < n; m = rule.nextChange(s, l, sh, m + 1, n)) {
            int e = m + 1;
            AlertRule.Transition t = rule.step(s.bad(e - l, e), s.valid(e - l, e), s.bad(e - sh, e), s.valid(e - sh, e));
            assertThat(t).as("a minute nextChange names changes something").isNotEqualTo(AlertRule.Transition.NONE);
            out.add(m + " " + t + " " + rule.firedLongBurn() + " " + rule.firedShortBurn());
        }
        return out;
    }

    @Test
    void skippingToTheNextChangeGivesTheSameTransitionsAsEveryMinute() {
        Random rnd = new Random(7);
        int compared = 0;
        for (int round = 0; round < 2_000; round++) {
            double target = TARGETS[rnd.nextInt(TARGETS.length)];
            double rate = round % 5 == 0 ? rnd.nextDouble() * 20 : RATES[rnd.nextInt(RATES.length)];
            int n = 1 + rnd.nextInt(300);
            long[] valid = new long[n];
            long[] bad = new long[n];
            for (int m = 0; m < n; m++) {
                valid[m] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(2000);
                bad[m] = rnd.nextBoolean() ? 0 : rnd.nextInt((int) valid[m] + 1);
            }
            SliSeries s = series(valid, bad);
            int l = 1 + rnd.nextInt(60);
            int sh = 1 + rnd.nextInt(l);
            List<String> expected = stepped(new AlertRule(target, rate), s, n, l, sh);
            assertThat(skipped(new AlertRule(target, rate), s, n, l, sh))
                    .as("target %s rate %s", target, rate).isEqualTo(expected);
            compared += expected.size();
        }
        assertThat(compared).as("transitions compared").isGreaterThan(1_000);
    }

    /** The condition is bad / valid > rate × (1 − target) exactly, for the decimals written. */
    @Test
    void theConditionIsExactAtTheBoundary() {
        // 0.9995: allowed 1/2000; rate 14.4 → threshold 72/10 000; rate 1 → 1/2000
        AlertRule page = new AlertRule(0.9995, 14.4);
        assertThat(page.exceeds(72, 10_000)).isFalse();
        assertThat(page.exceeds(73, 10_000)).isTrue();
        assertThat(page.exceeds(72_000_001, 10_000_000_000L)).isTrue();
        AlertRule ticket = new AlertRule(0.99, 1);
        assertThat(ticket.exceeds(1, 100)).isFalse();
        assertThat(ticket.exceeds(10_000_000_001L, 1_000_000_000_000L)).isTrue();
        assertThat(ticket.exceeds(0, 0)).isFalse();
        assertThat(new AlertRule(0.99, -1).exceeds(0, 0)).isTrue();
        assertThat(new AlertRule(0.99, Double.NaN).exceeds(1, 1)).isFalse();
    }

    /** State written by Java serialization comes back with the same decisions. */
    @Test
    void aSerializedRuleDecidesTheSame() throws Exception {
        AlertRule rule = new AlertRule(0.999, 14.4);
        rule.step(1, 1, 1, 1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
            o.writeObject(rule);
        }
        AlertRule back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            back = (AlertRule) in.readObject();
        }
        assertThat(back.firing()).isTrue();
        assertThat(back.exceeds(144, 10_000)).isFalse();
        assertThat(back.exceeds(145, 10_000)).isTrue();
    }

    /**
     * Ratios one count apart at the threshold, whose doubles are equal (2 × 10^18 requests a minute): the
     * skipping scan, which reads the shared double ratios, decides them on the counts like {@link
     * AlertRule#step}.
     */
    @Test
    void theScanDecidesOnTheCountsWhereTheDoublesCannot() {
        long v = 2_000_000_000_000_000_000L;
        long at = 14_400_000_000_000_000L; // 0.0072 = 14.4 × 0.0005 exactly
        long[] valid = {v, v, v};
        long[] bad = {at, at + 1, at};
        assertThat((double) at / v).isEqualTo((double) (at + 1) / v);
        SliSeries s = series(valid, bad);
        List<String> expected = stepped(new AlertRule(0.9995, 14.4), s, 3, 1, 1);
        assertThat(expected).extracting(x -> x.split(" ")[0] + " " + x.split(" ")[1])
                .containsExactly("1 FIRED", "2 RESOLVED");
        assertThat(skipped(new AlertRule(0.9995, 14.4), s, 3, 1, 1)).isEqualTo(expected);
    }
}
