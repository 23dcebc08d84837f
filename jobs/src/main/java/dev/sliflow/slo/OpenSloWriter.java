package dev.sliflow.slo;

import dev.sliflow.table.OutputDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes candidates as OpenSLO v1 {@code kind: SLO} documents, ready to commit, in the shape that
 * {@link SloConfigLoader} reads back to equal candidates: an inline {@code ratioMetric} of sliflow
 * metric sources (good = availability, or latency within {@code threshold_ms}; total = the journey's
 * requests), one objective, and {@code timeSliceTarget}/{@code timeSliceWindow} for time-slice budgeting.
 *
 * <p>With an {@link Alerting} for a candidate, its SLO carries the alert policy recommended with it, inline
 * in {@code spec.alertPolicies}: a {@code kind: AlertPolicy} named after the policy, one {@code kind:
 * AlertCondition} per tier as the policy applies it to the SLO window — {@code severity} page or ticket,
 * {@code condition: {kind: burnrate, op: gt, threshold: <rate>, lookbackWindow: <long window>}}. OpenSLO has
 * no field for the short window, the minimum events or the page gap: each condition's description states
 * them ("… and over 5m too; at least 10 bad events in 1h"), and the policy's description its page counting.
 * {@code notificationTargets} names {@code <service>-on-call}, a target for the team to define. The reader
 * ignores {@code alertPolicies} (alerting comes from the sliflow YAML), so the files still load back to the
 * same candidates.
 *
 * <p>A percentile time-slice candidate is written as a {@code thresholdMetric} of source spec
 * {@code {journey, percentile}} — the slice's percentile latency in ms — with {@code budgetingMethod:
 * Timeslices} and an objective {@code op: lte, value: <threshold_ms>, target: <share of good slices>,
 * timeSliceWindow: <slice>, timeSliceTarget: <percentile / 100>}: the slice's one data point is its
 * percentile, so any slice target judges it alike, and percentile / 100 also reads right to a tool that
 * judges a slice by the share of its requests within the value.
 */
public final class OpenSloWriter {
    /** OpenSLO's limit on {@code spec.description}. */
    static final int MAX_DESCRIPTION = 1050;

    private OpenSloWriter() {}

    /**
     * The alert policy exported with a candidate.
     *
     * @param tiers the tiers as the policy applies them to the candidate's window ({@link AlertPolicy#apply})
     */
    public record Alerting(AlertPolicy policy, List<AlertTier> tiers) {}

    /** The SLO documents, {@code ---} separated. */
    public static String write(List<Candidate> candidates, String service) {
        return write(candidates, service, Map.of());
    }

    /**
     * The SLO documents, {@code ---} separated, with {@code spec.description} taken from
     * {@code descriptionsBySloId} (keyed by {@link Candidate#sloId()}) when present.
     */
    public static String write(List<Candidate> candidates, String service, Map<String, String> descriptionsBySloId) {
        return write(candidates, service, descriptionsBySloId, Map.of());
    }

    /** Like {@link #write(List, String, Map)}, with the alert policy of candidates (by slo id) that have one. */
    public static String write(List<Candidate> candidates, String service, Map<String, String> descriptionsBySloId,
            Map<String, Alerting> alertingBySloId) {
        checkNames(candidates);
        StringBuilder out = new StringBuilder();
        for (Candidate c : candidates) {
            out.append("---\n").append(document(c, service, descriptionsBySloId.get(c.sloId()),
                    alertingBySloId.get(c.sloId())));
        }
        return out.toString();
    }

    /** Writes one {@code <name>.yaml} per candidate into {@code dir} (created if needed); returns the files. */
    public static List<Path> writeFiles(Path dir, List<Candidate> candidates, String service) throws IOException {
        return writeFiles(dir, candidates, service, Map.of());
    }

    /** Like {@link #writeFiles(Path, List, String)}, with descriptions by slo id. */
    public static List<Path> writeFiles(Path dir, List<Candidate> candidates, String service,
            Map<String, String> descriptionsBySloId) throws IOException {
        return writeFiles(dir, candidates, service, descriptionsBySloId, Map.of());
    }

    /** Like {@link #writeFiles(Path, List, String, Map)}, with the alert policy of candidates that have one. */
    public static List<Path> writeFiles(Path dir, List<Candidate> candidates, String service,
            Map<String, String> descriptionsBySloId, Map<String, Alerting> alertingBySloId) throws IOException {
        checkNames(candidates);
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (Candidate c : candidates) {
            Path file = dir.resolve(name(c) + ".yaml");
            // temp file + rename: never half a file, and a link in its place is replaced, not followed
            OutputDir.writeAtomically(file, document(c, service, descriptionsBySloId.get(c.sloId()),
                    alertingBySloId.get(c.sloId())));
            files.add(file);
        }
        return files;
    }

    /** The {@code metadata.name} of a candidate: its slo id in lower case, '.' and other non [a-z0-9-] as '-'. */
    public static String name(Candidate c) {
        return dnsName(c.sloId());
    }

    private static String dnsName(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    private static void checkNames(List<Candidate> candidates) {
        Set<String> names = new HashSet<>();
        for (Candidate c : candidates) {
            if (!names.add(name(c))) {
                throw new IllegalArgumentException("two candidates share the OpenSLO name '" + name(c) + "'");
            }
        }
    }

    private static String document(Candidate c, String service, String description, Alerting alerting) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", OpenSlo.API_VERSION);
        doc.put("kind", "SLO");
        doc.put("metadata", map("name", name(c), "displayName", displayName(c)));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("description", truncate(description != null ? description : defaultDescription(c)));
        spec.put("service", service);
        spec.put("indicator", indicator(c));
        spec.put("timeWindow", List.of(timeWindow(c.window())));
        spec.put("budgetingMethod", OpenSlo.budgetingMethod(c.budgeting()));
        spec.put("objectives", List.of(objective(c)));
        if (alerting != null) {
            spec.put("alertPolicies", List.of(alertPolicy(alerting, service)));
        }
        doc.put("spec", spec);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return new Yaml(options).dump(doc);
    }

    private static Map<String, Object> indicator(Candidate c) {
        String journey = c.journey();
        if (c.sli() == SliKind.PERCENTILE) {
            Map<String, Object> threshold = source(map("journey", journey, "percentile", number(c.percentile().percentile())));
            return map("metadata", map("name", dnsName(journey + "-" + c.sliColumn())), "spec",
                    map("thresholdMetric", threshold));
        }
        Map<String, Object> good = source(c.sli() == SliKind.LATENCY
                ? map("journey", journey, "good", "latency", "threshold_ms", c.thresholdMs())
                : map("journey", journey, "good", "availability"));
        Map<String, Object> ratio = map("counter", true, "good", good, "total", source(map("journey", journey)));
        String sli = journey + "-" + c.sli().id() + (c.sli() == SliKind.LATENCY ? "-" + c.thresholdMs() + "ms" : "");
        return map("metadata", map("name", dnsName(sli)), "spec", map("ratioMetric", ratio));
    }

    private static Map<String, Object> source(Map<String, Object> spec) {
        return map("metricSource", map("type", OpenSlo.SOURCE_TYPE, "spec", spec));
    }

    private static Map<String, Object> timeWindow(SloWindow w) {
        if (w.rolling()) {
            return map("duration", w.days() + "d", "isRolling", true);
        }
        return map("duration", OpenSlo.calendarDuration(w.kind()), "isRolling", false,
                "calendar", map("startTime", OpenSlo.CALENDAR_START, "timeZone", OpenSlo.UTC));
    }

    private static Map<String, Object> objective(Candidate c) {
        Map<String, Object> o = map("displayName", Candidate.percent(c.target()) + "%");
        if (c.sli() == SliKind.PERCENTILE) {
            o.put("op", "lte");
            o.put("value", c.thresholdMs());
        }
        o.put("target", c.target());
        if (c.budgeting() == Budgeting.TIMESLICES) {
            o.put("timeSliceTarget", c.timesliceTarget());
        }
        if (c.budgeting() != Budgeting.OCCURRENCES) {
            o.put("timeSliceWindow", c.percentile() != null ? c.percentile().sliceId() : OpenSlo.SLICE_WINDOW);
        }
        return o;
    }

    private static Map<String, Object> alertPolicy(Alerting a, String service) {
        AlertPolicy p = a.policy();
        List<Object> conditions = new ArrayList<>();
        for (AlertTier t : a.tiers()) {
            String lookback = duration(t.longWindow());
            String more = "";
            if (t.isPage() && p.minBadEvents() > 0) {
                more += "; at least " + p.minBadEvents() + " bad events in " + lookback;
            }
            if (t.isPage() && p.minValidEvents() > 0) {
                more += "; at least " + p.minValidEvents() + " valid events in " + lookback;
            }
            String text = "burn rate over " + lookback + " > " + t.burnRate() + " and over "
                    + duration(t.shortWindow()) + " too" + more;
            conditions.add(map("kind", "AlertCondition", "metadata", map("name", dnsName(t.name())), "spec",
                    map("description", text, "severity", t.severity(), "condition", map("kind", "burnrate", "op", "gt",
                            "threshold", t.burnRate(), "lookbackWindow", lookback))));
        }
        String counting = p.pageGap() == null ? "every page-tier firing is a page (SRE Workbook)"
                : "firings while a page is open" + (p.pageGap().isZero() ? ""
                        : " or less than " + duration(p.pageGap()) + " after it resolved") + " are that page";
        return map("kind", "AlertPolicy", "metadata", map("name", dnsName(p.name())), "spec",
                map("description", truncate("sliflow alert policy " + p.name() + ": " + counting + "."),
                        "alertWhenNoData", false, "alertWhenBreaching", true, "alertWhenResolved", true,
                        "conditions", conditions,
                        "notificationTargets", List.of(map("targetRef", dnsName(service) + "-on-call"))));
    }

    /** 5m, 1h, 3d: the largest whole unit. */
    private static String duration(java.time.Duration d) {
        long m = d.toMinutes();
        return m % 1440 == 0 ? m / 1440 + "d" : m % 60 == 0 ? m / 60 + "h" : m + "m";
    }

    /** 95 as an integer, 99.9 as a decimal. */
    private static Number number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Number) (long) v : (Number) v;
    }

    private static String displayName(Candidate c) {
        String what = c.sli() == SliKind.LATENCY ? "latency ≤ " + c.thresholdMs() + " ms"
                : c.sli() == SliKind.PERCENTILE ? c.percentile().percentileId() + " over " + c.percentile().sliceId()
                        + " ≤ " + c.thresholdMs() + " ms" : "availability";
        return c.journey() + " " + what + " " + Candidate.percent(c.target()) + "% (" + c.window().id() + ")";
    }

    private static String defaultDescription(Candidate c) {
        String window = c.window().rolling() ? "rolling " + c.window().id() : c.window().id() + " (UTC)";
        if (c.sli() == SliKind.PERCENTILE) {
            SlicePercentile p = c.percentile();
            return "The " + p.percentileId() + " latency of " + c.journey() + " is within " + c.thresholdMs() + " ms in "
                    + Candidate.percent(c.target()) + "% of the " + p.sliceId() + " time slices (UTC-aligned; slices"
                    + " without a request with a latency do not count), " + window
                    + ". Each slice's percentile comes from the minute sketches merged over the slice. Generated by sliflow.";
        }
        String what = c.sli() == SliKind.LATENCY ? "complete within " + c.thresholdMs() + " ms" : "succeed";
        return Candidate.percent(c.target()) + "% of " + c.journey() + " requests " + what + ", " + window
                + ", budgeted by " + c.budgeting().id() + ". Generated by sliflow.";
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    /** An insertion-ordered map of alternating keys and values. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
