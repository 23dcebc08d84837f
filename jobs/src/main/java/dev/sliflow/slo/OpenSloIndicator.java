package dev.sliflow.slo;

import dev.sliflow.config.YamlNode;
import java.util.Map;
import java.util.Set;

/**
 * An OpenSLO v1 SLI spec reduced to what sliflow measures, read from sliflow's own metric source
 * ({@code metricSource: {type: sliflow, spec: {journey, good, threshold_ms}}}). Shapes:
 * <ul>
 *   <li>{@code ratioMetric} good/total, good {@code good: availability} or {@code good: latency, threshold_ms: N};
 *   <li>{@code ratioMetric} bad/total: bad = server errors, so availability;
 *   <li>{@code thresholdMetric}: latency, the threshold being each objective's {@code op: lte, value: N};
 *   <li>{@code thresholdMetric} of source spec {@code {journey, percentile: P}}: a percentile time-slice SLI
 *       (the slice's P-th percentile latency ≤ the objective's value), with {@code budgetingMethod:
 *       Timeslices} and the slice length in each objective's {@code timeSliceWindow}.
 * </ul>
 *
 * @param thresholdMs the latency threshold of a ratio latency SLI; 0 for availability and thresholdMetric
 * @param thresholdMetric whether the objectives carry the threshold ({@code op}/{@code value})
 * @param percentile the percentile of a percentile SLI ({@link SliKind#PERCENTILE}), else 0
 */
record OpenSloIndicator(String journey, SliKind sli, int thresholdMs, boolean thresholdMetric, double percentile) {
    private static final Set<String> INDICATOR = Set.of("metadata", "spec");
    private static final Set<String> METADATA = Set.of("name", "displayName", "labels", "annotations");
    private static final Set<String> SPEC = Set.of("description", "ratioMetric", "thresholdMetric");
    private static final Set<String> RATIO = Set.of("counter", "good", "bad", "total");
    private static final Set<String> METRIC = Set.of("metricSource");
    private static final Set<String> SOURCE = Set.of("type", "spec", "metricSourceRef");
    private static final Set<String> GOOD_SPEC = Set.of("journey", "good", "threshold_ms");
    private static final Set<String> JOURNEY_SPEC = Set.of("journey");
    private static final Set<String> THRESHOLD_SPEC = Set.of("journey", "percentile");

    /** An inline {@code spec.indicator}: {@code {metadata, spec}}. */
    static OpenSloIndicator inline(YamlNode indicator) {
        Map<String, YamlNode> m = indicator.map(INDICATOR);
        if (m.containsKey("metadata")) {
            metadata(m.get("metadata"));
        }
        return fromSpec(SloValues.required(indicator, m, "spec"));
    }

    /** Checks OpenSLO {@code metadata} ({@code name}, {@code displayName}, {@code labels}, {@code annotations}); the name node or null. */
    static YamlNode metadata(YamlNode metadata) {
        YamlNode name = metadata.map(METADATA).get("name");
        if (name != null) {
            name.nonEmptyText();
        }
        return name;
    }

    static OpenSloIndicator fromSpec(YamlNode spec) {
        Map<String, YamlNode> m = spec.map(SPEC);
        if (SloValues.oneOf(spec, m, "ratioMetric", "thresholdMetric").equals("thresholdMetric")) {
            YamlNode source = metricSource(m.get("thresholdMetric"));
            Map<String, YamlNode> t = source.map(THRESHOLD_SPEC);
            String journey = SloValues.journey(SloValues.required(source, t, "journey"));
            if (t.containsKey("percentile")) {
                return new OpenSloIndicator(journey, SliKind.PERCENTILE, 0, true, SloValues.percentile(t.get("percentile")));
            }
            return new OpenSloIndicator(journey, SliKind.LATENCY, 0, true, 0);
        }
        return ratio(m.get("ratioMetric"));
    }

    private static OpenSloIndicator ratio(YamlNode ratio) {
        Map<String, YamlNode> m = ratio.map(RATIO);
        if (m.containsKey("counter")) {
            m.get("counter").booleanValue();
        }
        boolean bad = SloValues.oneOf(ratio, m, "good", "bad").equals("bad");
        YamlNode totalSource = metricSource(SloValues.required(ratio, m, "total"));
        YamlNode totalJourney = SloValues.required(totalSource, totalSource.map(JOURNEY_SPEC), "journey");
        String journey = SloValues.journey(totalJourney);
        if (bad) {
            YamlNode badSource = metricSource(m.get("bad"));
            sameJourney(SloValues.required(badSource, badSource.map(JOURNEY_SPEC), "journey"), journey);
            return new OpenSloIndicator(journey, SliKind.AVAILABILITY, 0, false, 0);
        }
        YamlNode goodSource = metricSource(m.get("good"));
        Map<String, YamlNode> g = goodSource.map(GOOD_SPEC);
        sameJourney(SloValues.required(goodSource, g, "journey"), journey);
        YamlNode kind = SloValues.required(goodSource, g, "good");
        YamlNode threshold = g.get("threshold_ms");
        switch (kind.nonEmptyText()) {
            case "availability":
                if (threshold != null) {
                    throw threshold.error("threshold_ms applies to 'good: latency' only");
                }
                return new OpenSloIndicator(journey, SliKind.AVAILABILITY, 0, false, 0);
            case "latency":
                if (threshold == null) {
                    throw goodSource.error("missing field 'threshold_ms' (good: latency counts requests within it)");
                }
                return new OpenSloIndicator(journey, SliKind.LATENCY, SloValues.thresholdMs(threshold), false, 0);
            default:
                throw kind.error("expected 'availability' or 'latency', got '" + kind.text() + "'");
        }
    }

    /** The {@code spec} of {@code {metricSource: {type: sliflow, spec}}}. */
    private static YamlNode metricSource(YamlNode metric) {
        YamlNode source = SloValues.required(metric, metric.map(METRIC), "metricSource");
        Map<String, YamlNode> s = source.map(SOURCE);
        if (s.containsKey("metricSourceRef")) {
            throw s.get("metricSourceRef").error("data source references are not supported; use type: " + OpenSlo.SOURCE_TYPE);
        }
        YamlNode type = SloValues.required(source, s, "type");
        if (!type.nonEmptyText().equals(OpenSlo.SOURCE_TYPE)) {
            throw type.error("unsupported metric source type '" + type.text() + "' (sliflow evaluates access-log journeys: type: "
                    + OpenSlo.SOURCE_TYPE + ")");
        }
        return SloValues.required(source, s, "spec");
    }

    private static void sameJourney(YamlNode node, String journey) {
        if (!SloValues.journey(node).equals(journey)) {
            throw node.error("journey '" + node.text() + "' differs from the total's journey '" + journey + "'");
        }
    }
}
