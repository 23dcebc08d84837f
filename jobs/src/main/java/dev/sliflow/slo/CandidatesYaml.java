package dev.sliflow.slo;

import dev.sliflow.config.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sliflow candidates YAML file (SPEC "SLO candidates"): expands each candidate into one
 * {@link Candidate} per SLI × threshold × target × window × budgeting, and reads the file's settings.
 *
 * <p>Percentile time-slice SLOs: {@code percentile: [{percentile: 95, threshold_ms: 300, slice: 30m,
 * targets: [0.95, 0.99]}]} gives one candidate per target × window, always budgeted by time slices
 * (the {@code budgeting} list and {@code timeslice_target} do not apply to them).
 */
final class CandidatesYaml {
    private static final Set<String> TOP = Set.of("candidates", "windows", "budgeting", "timeslice_target", "alerting",
            "policy", "maintenance", "recommend", "sla", "alert_policies", "incidents");
    private static final Set<String> CANDIDATE = Set.of("journey", "availability", "latency", "percentile", "windows",
            "budgeting");
    private static final Set<String> LATENCY = Set.of("threshold_ms", "targets");
    private static final Set<String> PERCENTILE = Set.of("percentile", "threshold_ms", "slice", "targets");

    /** What one file contributes: its candidates (empty when it only carries settings) and its settings. */
    record Contents(List<Sourced> candidates, SloSettings settings) {}

    private CandidatesYaml() {}

    static Contents read(YamlNode root) {
        Map<String, YamlNode> top = root.map(TOP);
        List<SloWindow> windows = top.containsKey("windows") ? SloValues.windows(top.get("windows"))
                : List.of(SloWindow.rolling(28));
        List<Budgeting> budgeting = top.containsKey("budgeting") ? SloValues.budgetings(top.get("budgeting"))
                : List.of(Budgeting.OCCURRENCES);
        Double sliceTarget = top.containsKey("timeslice_target") ? SloValues.sliceTarget(top.get("timeslice_target")) : null;
        List<Sourced> candidates = new ArrayList<>();
        YamlNode list = top.get("candidates");
        if (list != null) {
            List<YamlNode> items = list.list();
            if (items.isEmpty()) {
                throw list.error("at least one candidate is needed");
            }
            for (YamlNode item : items) {
                new Expansion(item, windows, budgeting, sliceTarget, candidates).run();
            }
        }
        return new Contents(candidates, SettingsYaml.read(top));
    }

    /** One entry of {@code candidates:} expanded into {@code out}. */
    private static final class Expansion {
        private final YamlNode item;
        private final Map<String, YamlNode> fields;
        private final List<SloWindow> windows;
        private final List<Budgeting> budgeting;
        private final Double sliceTarget;
        private final List<Sourced> out;

        Expansion(YamlNode item, List<SloWindow> windows, List<Budgeting> budgeting, Double sliceTarget, List<Sourced> out) {
            this.item = item;
            this.fields = item.map(CANDIDATE);
            this.windows = fields.containsKey("windows") ? SloValues.windows(fields.get("windows")) : windows;
            this.budgeting = fields.containsKey("budgeting") ? SloValues.budgetings(fields.get("budgeting")) : budgeting;
            this.sliceTarget = sliceTarget;
            this.out = out;
        }

        void run() {
            String journey = SloValues.journey(SloValues.required(item, fields, "journey"));
            YamlNode availability = fields.get("availability");
            YamlNode latency = fields.get("latency");
            YamlNode percentile = fields.get("percentile");
            if (availability == null && latency == null && percentile == null) {
                throw item.error("a candidate needs 'availability', 'latency' and/or 'percentile' targets");
            }
            if (availability != null) {
                add(journey, SliKind.AVAILABILITY, 0, availability);
            }
            if (latency != null) {
                List<YamlNode> entries = latency.list();
                if (entries.isEmpty()) {
                    throw latency.error("at least one {threshold_ms, targets} entry is needed");
                }
                for (YamlNode entry : entries) {
                    Map<String, YamlNode> m = entry.map(LATENCY);
                    int threshold = SloValues.thresholdMs(SloValues.required(entry, m, "threshold_ms"));
                    add(journey, SliKind.LATENCY, threshold, SloValues.required(entry, m, "targets"));
                }
            }
            if (percentile != null) {
                List<YamlNode> entries = percentile.list();
                if (entries.isEmpty()) {
                    throw percentile.error("at least one {percentile, threshold_ms, slice, targets} entry is needed");
                }
                for (YamlNode entry : entries) {
                    Map<String, YamlNode> m = entry.map(PERCENTILE);
                    double p = SloValues.percentile(SloValues.required(entry, m, "percentile"));
                    int threshold = SloValues.thresholdMs(SloValues.required(entry, m, "threshold_ms"));
                    int slice = SloValues.sliceMinutes(SloValues.required(entry, m, "slice"));
                    SlicePercentile sp = new SlicePercentile(p, slice);
                    for (Map.Entry<Double, YamlNode> t : SloValues.targets(SloValues.required(entry, m, "targets")).entrySet()) {
                        for (SloWindow w : windows) {
                            out.add(new Sourced(Candidate.percentile(journey, sp, threshold, t.getKey(), w), t.getValue()));
                        }
                    }
                }
            }
        }

        private void add(String journey, SliKind sli, int thresholdMs, YamlNode targets) {
            for (Map.Entry<Double, YamlNode> t : SloValues.targets(targets).entrySet()) {
                for (SloWindow w : windows) {
                    for (Budgeting b : budgeting) {
                        Candidate c = SloValues.candidate(journey, sli, thresholdMs, t.getKey(), w, b, sliceTarget);
                        out.add(new Sourced(c, t.getValue()));
                    }
                }
            }
        }
    }
}
