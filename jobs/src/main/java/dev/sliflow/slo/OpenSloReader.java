package dev.sliflow.slo;

import dev.sliflow.config.YamlNode;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenSLO v1 documents ({@code apiVersion: openslo/v1}). Each objective of a {@code kind: SLO}
 * becomes one {@link Candidate}; {@code kind: SLI} documents are indicators that SLOs name in
 * {@code indicatorRef} (from any file of the same load); other kinds (Service, AlertPolicy, …) and an
 * SLO's {@code alertPolicies} are ignored, since alerting comes from the sliflow YAML.
 */
final class OpenSloReader {
    private static final Set<String> DOC = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> SLO_SPEC = Set.of("description", "service", "indicator", "indicatorRef", "timeWindow",
            "budgetingMethod", "objectives", "alertPolicies");
    private static final Set<String> WINDOW = Set.of("duration", "isRolling", "calendar");
    private static final Set<String> CALENDAR = Set.of("startTime", "timeZone");
    private static final Set<String> OBJECTIVE = Set.of("displayName", "target", "targetPercent", "timeSliceTarget",
            "timeSliceWindow", "op", "value");
    private static final Set<String> UTC = Set.of(OpenSlo.UTC, "Etc/UTC");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,4})([dwMQ])");
    private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final Map<String, OpenSloIndicator> slis = new HashMap<>();

    /** Indexes the {@code kind: SLI} documents among {@code docs} (all OpenSLO documents of a load). */
    OpenSloReader(List<YamlNode> docs) {
        Map<String, YamlNode> names = new HashMap<>();
        for (YamlNode doc : docs) {
            if (kind(doc).equals("SLI")) {
                Map<String, YamlNode> d = doc.map(DOC);
                YamlNode metadata = SloValues.required(doc, d, "metadata");
                YamlNode name = OpenSloIndicator.metadata(metadata);
                if (name == null) {
                    throw metadata.error("missing field 'name'");
                }
                YamlNode prev = names.putIfAbsent(name.text(), name);
                if (prev != null) {
                    throw name.error("duplicate SLI '" + name.text() + "' (first in " + prev.file() + ":" + prev.line() + ")");
                }
                slis.put(name.text(), OpenSloIndicator.fromSpec(SloValues.required(doc, d, "spec")));
            }
        }
    }

    /** Whether a file holds OpenSLO documents: its first document is a mapping with {@code apiVersion}. */
    static boolean isOpenSlo(List<YamlNode> docs) {
        return !docs.isEmpty() && docs.get(0).isMap() && docs.get(0).map().containsKey("apiVersion");
    }

    /** The candidates of the {@code kind: SLO} documents among {@code docs}, in order. */
    List<Sourced> candidates(List<YamlNode> docs) {
        List<Sourced> out = new ArrayList<>();
        for (YamlNode doc : docs) {
            if (kind(doc).equals("SLO")) {
                slo(doc, out);
            }
        }
        return out;
    }

    private static String kind(YamlNode doc) {
        Map<String, YamlNode> d = doc.map();
        YamlNode api = SloValues.required(doc, d, "apiVersion");
        if (!api.text().equals(OpenSlo.API_VERSION)) {
            throw api.error("unsupported apiVersion '" + api.text() + "' (expected " + OpenSlo.API_VERSION + ")");
        }
        return SloValues.required(doc, d, "kind").nonEmptyText();
    }

    private void slo(YamlNode doc, List<Sourced> out) {
        Map<String, YamlNode> d = doc.map(DOC);
        YamlNode metadata = SloValues.required(doc, d, "metadata");
        if (OpenSloIndicator.metadata(metadata) == null) {
            throw metadata.error("missing field 'name'");
        }
        YamlNode spec = SloValues.required(doc, d, "spec");
        Map<String, YamlNode> s = spec.map(SLO_SPEC);
        for (String informational : List.of("description", "service")) {
            if (s.containsKey(informational)) {
                s.get(informational).text(); // must be a single value; not part of a candidate
            }
        }
        OpenSloIndicator indicator = indicator(spec, s);
        SloWindow window = timeWindow(SloValues.required(spec, s, "timeWindow"));
        Budgeting budgeting = budgeting(SloValues.required(spec, s, "budgetingMethod"));
        YamlNode objectives = SloValues.required(spec, s, "objectives");
        List<YamlNode> items = objectives.list();
        if (items.isEmpty()) {
            throw objectives.error("at least one objective is needed");
        }
        for (YamlNode o : items) {
            out.add(new Sourced(objective(o, indicator, window, budgeting), o));
        }
    }

    private OpenSloIndicator indicator(YamlNode spec, Map<String, YamlNode> s) {
        if (SloValues.oneOf(spec, s, "indicator", "indicatorRef").equals("indicator")) {
            return OpenSloIndicator.inline(s.get("indicator"));
        }
        YamlNode ref = s.get("indicatorRef");
        OpenSloIndicator found = slis.get(ref.nonEmptyText());
        if (found == null) {
            throw ref.error("no kind: SLI document named '" + ref.text() + "' (known: " + new TreeSet<>(slis.keySet()) + ")");
        }
        return found;
    }

    private static SloWindow timeWindow(YamlNode node) {
        List<YamlNode> items = node.listOrScalar();
        if (items.size() != 1) {
            throw node.error("exactly one time window is needed, got " + items.size());
        }
        YamlNode w = items.get(0);
        Map<String, YamlNode> m = w.map(WINDOW);
        YamlNode durationNode = SloValues.required(w, m, "duration");
        Matcher dm = DURATION.matcher(durationNode.nonEmptyText());
        if (!dm.matches()) {
            throw durationNode.error("expected a duration such as 28d, 4w, 1M or 1Q, got '" + durationNode.text() + "'");
        }
        int n = Integer.parseInt(dm.group(1));
        String unit = dm.group(2);
        YamlNode calendar = m.get("calendar");
        boolean rolling = m.containsKey("isRolling") ? m.get("isRolling").booleanValue() : calendar == null;
        if (rolling) {
            if (calendar != null) {
                throw calendar.error("a rolling window (isRolling: true) has no calendar");
            }
            if (!unit.equals("d") && !unit.equals("w")) {
                throw durationNode.error("a rolling window is Nd or Nw, got '" + durationNode.text() + "'");
            }
            return SloValues.rolling(durationNode, unit.equals("w") ? 7 * n : n);
        }
        if (calendar == null) {
            throw w.error("a calendar window (isRolling: false) needs 'calendar: {startTime, timeZone}'");
        }
        SloWindow.Kind kind = switch (n == 1 ? unit : "") {
            case "w" -> SloWindow.Kind.CALENDAR_WEEK;
            case "M" -> SloWindow.Kind.CALENDAR_MONTH;
            case "Q" -> SloWindow.Kind.CALENDAR_QUARTER;
            default -> throw durationNode.error("a calendar window is 1w, 1M or 1Q, got '" + durationNode.text() + "'");
        };
        checkCalendar(calendar, kind);
        return SloWindow.calendar(kind);
    }

    /** sliflow's calendar windows are UTC and start at 00:00 on a Monday, the 1st of a month or of a quarter. */
    private static void checkCalendar(YamlNode calendar, SloWindow.Kind kind) {
        Map<String, YamlNode> c = calendar.map(CALENDAR);
        YamlNode zone = SloValues.required(calendar, c, "timeZone");
        if (!UTC.contains(zone.nonEmptyText())) {
            throw zone.error("only UTC calendar windows are supported, got '" + zone.text() + "'");
        }
        YamlNode startNode = SloValues.required(calendar, c, "startTime");
        LocalDateTime start;
        try {
            start = LocalDateTime.parse(startNode.nonEmptyText(), START_TIME);
        } catch (DateTimeParseException e) {
            throw startNode.error("expected \"YYYY-MM-DD hh:mm:ss\", got '" + startNode.text() + "'");
        }
        boolean aligned = start.toLocalTime().toSecondOfDay() == 0 && switch (kind) {
            case CALENDAR_WEEK -> start.getDayOfWeek() == DayOfWeek.MONDAY;
            case CALENDAR_MONTH -> start.getDayOfMonth() == 1;
            default -> start.getDayOfMonth() == 1 && (start.getMonthValue() - 1) % 3 == 0;
        };
        if (!aligned) {
            throw startNode.error("a " + SloWindow.calendar(kind).id()
                    + " window starts at 00:00:00 on a Monday (week), the 1st of a month (month) or of Jan/Apr/Jul/Oct (quarter); got '"
                    + startNode.text() + "'");
        }
    }

    private static Budgeting budgeting(YamlNode n) {
        String s = n.nonEmptyText();
        for (Budgeting b : Budgeting.values()) {
            if (OpenSlo.budgetingMethod(b).equalsIgnoreCase(s)) {
                return b;
            }
        }
        throw n.error("unknown budgetingMethod '" + s + "' (expected Occurrences, Timeslices or RatioTimeslices)");
    }

    private static Candidate objective(YamlNode o, OpenSloIndicator indicator, SloWindow window, Budgeting budgeting) {
        Map<String, YamlNode> m = o.map(OBJECTIVE);
        double target = SloValues.oneOf(o, m, "target", "targetPercent").equals("target")
                ? SloValues.target(m.get("target")) : SloValues.percentTarget(m.get("targetPercent"));
        int thresholdMs = indicator.thresholdMs();
        if (indicator.thresholdMetric()) {
            YamlNode op = SloValues.required(o, m, "op");
            if (!op.text().equals("lte")) {
                throw op.error("only 'op: lte' (latency ≤ value ms) is supported, got '" + op.text() + "'");
            }
            thresholdMs = SloValues.thresholdMs(SloValues.required(o, m, "value"));
        } else {
            for (String key : List.of("op", "value")) {
                if (m.containsKey(key)) {
                    throw m.get(key).error("op/value apply to a thresholdMetric; this indicator is a ratioMetric");
                }
            }
        }
        Double sliceTarget = null;
        YamlNode st = m.get("timeSliceTarget");
        if (st != null && indicator.sli() != SliKind.PERCENTILE) {
            if (budgeting != Budgeting.TIMESLICES) {
                throw st.error("timeSliceTarget applies to budgetingMethod Timeslices only");
            }
            sliceTarget = SloValues.sliceTarget(st);
        }
        YamlNode sw = m.get("timeSliceWindow");
        if (indicator.sli() == SliKind.PERCENTILE) {
            return percentileObjective(o, m, indicator, thresholdMs, target, window, budgeting);
        }
        if (sw != null) {
            if (budgeting == Budgeting.OCCURRENCES) {
                throw sw.error("timeSliceWindow applies to budgetingMethod Timeslices or RatioTimeslices only");
            }
            if (!sw.text().equals(OpenSlo.SLICE_WINDOW)) {
                throw sw.error("only 1-minute time slices are supported (timeSliceWindow: 1m), got '" + sw.text() + "'");
            }
        }
        return SloValues.candidate(indicator.journey(), indicator.sli(), thresholdMs, target, window, budgeting, sliceTarget);
    }

    /**
     * An objective of a percentile indicator: budgeted by Timeslices, the slice length in
     * {@code timeSliceWindow} (a divisor of a day), {@code timeSliceTarget} (optional) the percentile / 100
     * — the share of a slice's requests that must be within the value, which is what "the slice's
     * percentile ≤ value" says.
     */
    private static Candidate percentileObjective(YamlNode o, Map<String, YamlNode> m, OpenSloIndicator indicator,
            int thresholdMs, double target, SloWindow window, Budgeting budgeting) {
        if (budgeting != Budgeting.TIMESLICES) {
            throw o.error("a percentile indicator is budgeted by time slices (budgetingMethod: Timeslices), not "
                    + OpenSlo.budgetingMethod(budgeting));
        }
        int slice = SloValues.sliceMinutes(SloValues.required(o, m, "timeSliceWindow"));
        SlicePercentile p = new SlicePercentile(indicator.percentile(), slice);
        YamlNode st = m.get("timeSliceTarget");
        if (st != null && SloValues.sliceTarget(st) != p.quantile()) {
            throw st.error("the timeSliceTarget of a p" + Candidate.percent(p.quantile())
                    + " indicator is its percentile / 100 = " + p.quantile() + ", got " + st.text());
        }
        return Candidate.percentile(indicator.journey(), p, thresholdMs, target, window);
    }
}
