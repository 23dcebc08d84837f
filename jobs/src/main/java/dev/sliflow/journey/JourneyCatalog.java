package dev.sliflow.journey;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered journey rules, the excluded routes and the region rule. First match wins; a request
 * that matches an exclude rule (checked first) is {@link #EXCLUDED}, one that matches nothing is
 * {@link #UNMATCHED} — both are counted, never dropped silently.
 */
public final class JourneyCatalog implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int EXCLUDED = -1;
    public static final int UNMATCHED = -2;

    private final List<Journey> journeys;
    private final List<Journey> excludes;
    private final RegionRule region;
    private final String source;
    /** The catalog's {@code formats:} rules, in order (first match wins). */
    private final List<FormatRule> formats;
    /** The rules indexed for {@link #match}; rebuilt after deserialization (see {@link #readResolve()}). */
    private final transient MatchIndex index;

    public JourneyCatalog(List<Journey> journeys, List<Journey> excludes, RegionRule region, String source) {
        this(journeys, excludes, region, source, List.of());
    }

    public JourneyCatalog(List<Journey> journeys, List<Journey> excludes, RegionRule region, String source,
            List<FormatRule> formats) {
        this.formats = List.copyOf(formats);
        this.journeys = List.copyOf(journeys);
        this.excludes = List.copyOf(excludes);
        this.region = region == null ? RegionRule.none() : region;
        this.source = source;
        List<Journey> ordered = new ArrayList<>(this.excludes);
        ordered.addAll(this.journeys);
        this.index = new MatchIndex(ordered);
    }

    /** After Java deserialization (Flink ships the catalog to its tasks): the same catalog with its index built. */
    private Object readResolve() {
        return new JourneyCatalog(journeys, excludes, region, source, formats);
    }

    /**
     * The answer of checking the exclude rules, then the journey rules, in order with {@link
     * Journey#matches} (first match wins), from an index of the rules (see {@link MatchIndex}).
     *
     * @return the index of the matching journey, {@link #EXCLUDED} or {@link #UNMATCHED}
     */
    public int match(String method, String host, String path) {
        int id = index.first(method, host, path);
        if (id == MatchIndex.NONE) {
            return UNMATCHED;
        }
        int nExcludes = excludes.size();
        return id < nExcludes ? EXCLUDED : id - nExcludes;
    }

    public Journey journey(int index) {
        return journeys.get(index);
    }

    public List<Journey> journeys() {
        return journeys;
    }

    public List<Journey> excludes() {
        return excludes;
    }

    public RegionRule region() {
        return region;
    }

    /** The {@code formats:} rules, in order. */
    public List<FormatRule> formats() {
        return formats;
    }

    /** The first {@code formats:} rule for the file at {@code filePath}, or null (the run's --format applies). */
    public FormatRule formatFor(String filePath) {
        for (FormatRule f : formats) {
            if (f.matches(filePath)) {
                return f;
            }
        }
        return null;
    }

    /** Where the catalog was loaded from (file name), for messages. */
    public String source() {
        return source;
    }
}
