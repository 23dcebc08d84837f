package dev.sliflow.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link AlertRule#nextChange}: skipping to it gives exactly the transitions of stepping every minute. */
class AlertRuleTest {
    private static final double[] TARGETS = {0.999, 0.99, 0.9999, 0.95, 0.9, 0.5, 0.99999, 1.0, 1.5};
    private static final double[] RATES = {14.4, 6, 3, 1, 0.5, 0, -1, 1e300, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN};

    /** Every minute through {@link AlertRule#stepRatios}: (minute, transition, burn rates at firing). */
    static List<String> stepped(AlertRule rule, double[] l, double[] s) {
        List<String> out = new ArrayList<>();
        for (int m = 0; m < l.length; m++) {
            AlertRule.Transition t = rule.stepRatios(l[m], s[m]);
            if (t != AlertRule.Transition.NONE) {
                out.add(m + " " + t + " " + rule.firedLongBurn() + " " + rule.firedShortBurn());
            }
        }
        return out;
    }

    /** Only the minutes {@link AlertRule#nextChange} names, as {@link BurnRateAlerts} does. */
    static List<String> skipped(AlertRule rule, double[] l, double[] s) {
        List<String> out = new ArrayList<>();
        int n = l.length;
        for (int m = rule.nextChange(l, s, 0, n); m < n; m = rule.nextChange(l, s, m + 1, n)) {
            AlertRule.Transition t = rule.stepRatios(l[m], s[m]);
            assertThat(t).as("a minute nextChange names changes something").isNotEqualTo(AlertRule.Transition.NONE);
            out.add(m + " " + t + " " + rule.firedLongBurn() + " " + rule.firedShortBurn());
        }
        return out;
    }

    @Test
    void skippingToTheNextChangeGivesTheSameTransitionsAsEveryMinute() {
        Random rnd = new Random(7);
        int compared = 0;
        for (int round = 0; round < 3_000; round++) {
            double target = round % 4 == 0 ? rnd.nextDouble() : TARGETS[rnd.nextInt(TARGETS.length)];
            double rate = round % 5 == 0 ? rnd.nextDouble() * 20 : RATES[rnd.nextInt(RATES.length)];
            double allowed = 1 - target;
            double edge = rate * allowed; // ratios at and around the boundary, where rounding decides
            int n = 1 + rnd.nextInt(300);
            double[] l = new double[n];
            double[] s = new double[n];
            for (int m = 0; m < n; m++) {
                l[m] = ratio(rnd, edge);
                s[m] = ratio(rnd, edge);
            }
            List<String> expected = stepped(new AlertRule(target, rate), l, s);
            assertThat(skipped(new AlertRule(target, rate), l, s))
                    .as("target %s rate %s", target, rate).isEqualTo(expected);
            compared += expected.size();
        }
        assertThat(compared).as("transitions compared").isGreaterThan(10_000);
    }

    private static double ratio(Random rnd, double edge) {
        switch (rnd.nextInt(6)) {
            case 0:
                return rnd.nextDouble();
            case 1:
                return 0;
            case 2: {
                double x = edge;
                for (int i = rnd.nextInt(7) - 3; i != 0; i += i > 0 ? -1 : 1) {
                    x = i > 0 ? Math.nextUp(x) : Math.nextDown(x);
                }
                return x;
            }
            case 3:
                return edge * (0.5 + rnd.nextDouble());
            case 4:
                return rnd.nextInt(50) == 0 ? Double.NaN : rnd.nextDouble() * 1e-3;
            default:
                return (double) rnd.nextInt(5) / (1 + rnd.nextInt(2_000));
        }
    }

    @Test
    void aRuleRestoredFromJavaSerializationScansTheSame() throws Exception {
        // live state holds rules Java-serialized: the scan's threshold is not part of that form
        double[] l = {0, 0.02, 0.02, 0.001, 0.5, 0.5, 0, 0.03, 0.02, 0.001};
        double[] s = {0, 0.02, 0.03, 0.02, 0.02, 0.001, 0.5, 0.02, 0.5, 0.5};
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
            o.writeObject(new AlertRule(0.999, 14.4));
        }
        AlertRule restored;
        try (java.io.ObjectInputStream i = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (AlertRule) i.readObject();
        }
        List<String> expected = stepped(new AlertRule(0.999, 14.4), l, s);
        assertThat(expected).hasSize(6);
        assertThat(skipped(restored, l, s)).isEqualTo(expected);
    }

    @Test
    void theBoundaryRatioIsWhereTheDividedBurnRateFirstExceedsTheRate() {
        // 0.001 budget at 14.4: the 1-hour page of the SRE workbook
        AlertRule rule = new AlertRule(0.999, 14.4);
        double allowed = 1 - 0.999;
        double edge = 14.4 * allowed;
        double[] probe = new double[41];
        double x = edge;
        for (int i = 0; i < 20; i++) {
            x = Math.nextDown(x);
        }
        for (int i = 0; i < probe.length; i++) {
            probe[i] = x;
            x = Math.nextUp(x);
        }
        for (double r : probe) {
            double[] one = {r};
            boolean exceeds = r / allowed > 14.4;
            assertThat(rule.nextChange(one, one, 0, 1)).as("ratio %s", r).isEqualTo(exceeds ? 0 : 1);
        }
    }
}
