package dev.sliflow.slo;

import dev.sliflow.config.YamlNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the values shared by the sliflow candidates YAML and OpenSLO documents: journey names,
 * targets, windows, budgeting methods and durations. Each failure names the node's file, line and field.
 */
final class SloValues {
    static final int MAX_ROLLING_DAYS = 400;
    static final int MAX_THRESHOLD_MS = 86_400_000;
    private static final Pattern JOURNEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ROLLING = Pattern.compile("(\\d{1,6})d");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhd])");

    private SloValues() {}

    static YamlNode required(YamlNode parent, Map<String, YamlNode> fields, String key) {
        YamlNode n = fields.get(key);
        if (n == null) {
            throw parent.error("missing field '" + key + "'");
        }
        return n;
    }

    /**
     * Checks that exactly one of the keys {@code a} and {@code b} is present (when both are, the error
     * names {@code b}); returns the present key.
     */
    static String oneOf(YamlNode parent, Map<String, YamlNode> fields, String a, String b) {
        boolean hasA = fields.containsKey(a);
        boolean hasB = fields.containsKey(b);
        if (hasA && hasB) {
            throw fields.get(b).error("give exactly one of '" + a + "' or '" + b + "', not both");
        }
        if (!hasA && !hasB) {
            throw parent.error("give exactly one of '" + a + "' or '" + b + "'");
        }
        return hasA ? a : b;
    }

    static String journey(YamlNode n) {
        String name = n.nonEmptyText();
        if (!JOURNEY.matcher(name).matches()) {
            throw n.error("'" + name + "' is not a valid journey name (letters, digits, '_', '.', '-'; 1-64 chars)");
        }
        return name;
    }

    /** A target in (0, 1): {@code 0.999} or {@code "99.9%"}. */
    static double target(YamlNode n) {
        String s = n.nonEmptyText();
        double t = s.endsWith("%") ? percent(n, s.substring(0, s.length() - 1).trim()) : n.doubleValue();
        if (!(t > 0 && t < 1)) {
            throw n.error("a target must be in (0, 1), e.g. 0.999 or \"99.9%\"; got " + s);
        }
        return t;
    }

    /** A percentage in (0, 100) as a target in (0, 1), e.g. OpenSLO {@code targetPercent: 99.9}. */
    static double percentTarget(YamlNode n) {
        double t = percent(n, n.nonEmptyText());
        if (!(t > 0 && t < 1)) {
            throw n.error("a target percent must be in (0, 100); got " + n.text());
        }
        return t;
    }

    /** The SLI a time slice needs to be good: in (0, 1]. */
    static double sliceTarget(YamlNode n) {
        double t = n.doubleValue();
        if (!(t > 0 && t <= 1)) {
            throw n.error("a time slice target must be in (0, 1]; got " + n.text());
        }
        return t;
    }

    /** A non-empty list of distinct targets, in file order, each with its node. */
    static Map<Double, YamlNode> targets(YamlNode list) {
        List<YamlNode> items = list.list();
        if (items.isEmpty()) {
            throw list.error("at least one target is needed");
        }
        Map<Double, YamlNode> out = new LinkedHashMap<>();
        for (YamlNode item : items) {
            double t = target(item);
            YamlNode prev = out.putIfAbsent(t, item);
            if (prev != null) {
                throw item.error("duplicate target " + item.text() + " (first on line " + prev.line() + ")");
            }
        }
        return out;
    }

    static int thresholdMs(YamlNode n) {
        long v = n.longValue();
        if (v <= 0 || v > MAX_THRESHOLD_MS) {
            throw n.error("a latency threshold must be in 1.." + MAX_THRESHOLD_MS + " ms, got " + v);
        }
        return (int) v;
    }

    /** A percentile in (0, 100), e.g. {@code 95} or {@code 99.9}. */
    static double percentile(YamlNode n) {
        double p = n.doubleValue();
        if (!(p > 0 && p < 100)) {
            throw n.error("a percentile must be in (0, 100), e.g. 95 or 99.9; got " + n.text());
        }
        return p;
    }

    /**
     * A time slice length: {@code Nm}, {@code Nh} or {@code 1d} that divides a day (1m, 5m, 10m, 15m, 30m,
     * 1h, 2h, …), so that slices aligned to UTC multiples of it never straddle midnight.
     */
    static int sliceMinutes(YamlNode n) {
        Duration d = duration(n, Duration.ofMinutes(1), Duration.ofDays(1));
        long minutes = d.toMinutes();
        if (SlicePercentile.MINUTES_PER_DAY % minutes != 0) {
            throw n.error("a slice must divide a day (1m, 5m, 10m, 15m, 30m, 1h, 2h, … 1d), got '" + n.text() + "'");
        }
        return (int) minutes;
    }

    /** {@code Nd} (rolling, N in 1..400), {@code calendar-week}, {@code calendar-month} or {@code calendar-quarter}. */
    static SloWindow window(YamlNode n) {
        String s = n.nonEmptyText();
        Matcher m = ROLLING.matcher(s);
        if (m.matches()) {
            return rolling(n, Integer.parseInt(m.group(1)));
        }
        for (SloWindow.Kind kind : SloWindow.Kind.values()) {
            if (kind != SloWindow.Kind.ROLLING && SloWindow.calendar(kind).id().equals(s)) {
                return SloWindow.calendar(kind);
            }
        }
        throw n.error("unknown window '" + s + "' (expected Nd with N in 1.." + MAX_ROLLING_DAYS
                + ", calendar-week, calendar-month or calendar-quarter)");
    }

    static SloWindow rolling(YamlNode n, int days) {
        if (days < 1 || days > MAX_ROLLING_DAYS) {
            throw n.error("a rolling window must be 1.." + MAX_ROLLING_DAYS + " days, got " + days);
        }
        return SloWindow.rolling(days);
    }

    static List<SloWindow> windows(YamlNode n) {
        List<SloWindow> out = new ArrayList<>();
        for (YamlNode item : nonEmpty(n, "window")) {
            SloWindow w = window(item);
            if (out.contains(w)) {
                throw item.error("duplicate window '" + w.id() + "'");
            }
            out.add(w);
        }
        return out;
    }

    /** {@code occurrences}, {@code timeslices} or {@code ratio-timeslices}. */
    static Budgeting budgeting(YamlNode n) {
        String s = n.nonEmptyText();
        for (Budgeting b : Budgeting.values()) {
            if (b.id().equals(s)) {
                return b;
            }
        }
        throw n.error("unknown budgeting method '" + s + "' (expected occurrences, timeslices or ratio-timeslices)");
    }

    static List<Budgeting> budgetings(YamlNode n) {
        List<Budgeting> out = new ArrayList<>();
        for (YamlNode item : nonEmpty(n, "budgeting method")) {
            Budgeting b = budgeting(item);
            if (out.contains(b)) {
                throw item.error("duplicate budgeting method '" + b.id() + "'");
            }
            out.add(b);
        }
        return out;
    }

    /** {@code Nm}, {@code Nh} or {@code Nd}, within {@code [min, max]}. */
    static Duration duration(YamlNode n, Duration min, Duration max) {
        String s = n.nonEmptyText();
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw n.error("expected a duration such as 5m, 1h or 3d, got '" + s + "'");
        }
        long v = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofDays(v);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw n.error("duration " + s + " is outside " + text(min) + ".." + text(max));
        }
        return d;
    }

    /** The candidate for one combination; the slice target only matters for time-slice budgeting. */
    static Candidate candidate(String journey, SliKind sli, int thresholdMs, double target, SloWindow window,
            Budgeting budgeting, Double sliceTarget) {
        double slice = budgeting == Budgeting.TIMESLICES && sliceTarget != null ? sliceTarget : target;
        return new Candidate(journey, sli, thresholdMs, target, window, budgeting, slice);
    }

    private static double percent(YamlNode n, String number) {
        try {
            return new BigDecimal(number).movePointLeft(2).doubleValue();
        } catch (NumberFormatException e) {
            throw n.error("expected a percentage such as 99.9, got '" + n.text() + "'");
        }
    }

    private static List<YamlNode> nonEmpty(YamlNode n, String what) {
        List<YamlNode> items = n.listOrScalar();
        if (items.isEmpty()) {
            throw n.error("at least one " + what + " is needed");
        }
        return items;
    }

    private static String text(Duration d) {
        if (d.toMinutes() % 1440 == 0) {
            return d.toDays() + "d";
        }
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
