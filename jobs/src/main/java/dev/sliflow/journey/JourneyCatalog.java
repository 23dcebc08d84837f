package dev.sliflow.journey;

import java.io.Serializable;
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

    public JourneyCatalog(List<Journey> journeys, List<Journey> excludes, RegionRule region, String source) {
        this.journeys = List.copyOf(journeys);
        this.excludes = List.copyOf(excludes);
        this.region = region == null ? RegionRule.none() : region;
        this.source = source;
    }

    /** @return the index of the matching journey, {@link #EXCLUDED} or {@link #UNMATCHED} */
    public int match(String method, String host, String path) {
        for (int i = 0, n = excludes.size(); i < n; i++) {
            if (excludes.get(i).matches(method, host, path)) {
                return EXCLUDED;
            }
        }
        for (int i = 0, n = journeys.size(); i < n; i++) {
            if (journeys.get(i).matches(method, host, path)) {
                return i;
            }
        }
        return UNMATCHED;
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

    /** Where the catalog was loaded from (file name), for messages. */
    public String source() {
        return source;
    }
}
