package dev.sliflow.journey;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a row's {@code region} comes from: nothing (empty string), a segment of the input file's
 * path ({@code logs/{region}/**}), or a log field (the request host, or the proxy origin such as the
 * ALB name), optionally narrowed by a regex with a named group {@code region}.
 *
 * <p>At most {@link #maxRegions()} distinct region values are kept; lines of any further value are
 * counted under {@link #OTHER} (and in {@code ingest_audit.region_overflow}). Request hosts are chosen
 * by clients: without a cap a scanner could make regions without end.
 */
public final class RegionRule implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Source { NONE, FILE, HOST, ORIGIN }

    /** The region of lines whose region value came beyond {@link #maxRegions()} distinct ones. */
    public static final String OTHER = "(other)";
    /** Default of {@link #maxRegions()}: {@code max_regions} in the catalog's {@code region:} block. */
    public static final int DEFAULT_MAX_REGIONS = 100;
    /** Largest {@link #maxRegions()}: with {@link #OTHER}, region ids must fit the 10 bits ingest gives them. */
    public static final int MAX_MAX_REGIONS = 1000;

    private final Source source;
    private final String patternText;
    private final int maxRegions;
    private transient Pattern pattern;

    private RegionRule(Source source, String patternText, int maxRegions) {
        if (maxRegions < 1 || maxRegions > MAX_MAX_REGIONS) {
            throw new IllegalArgumentException("max_regions must be in 1.." + MAX_MAX_REGIONS + ", got " + maxRegions);
        }
        this.source = source;
        this.patternText = patternText;
        this.maxRegions = maxRegions;
        this.pattern = compile(source, patternText);
    }

    private RegionRule(Source source, String patternText) {
        this(source, patternText, DEFAULT_MAX_REGIONS);
    }

    /** This rule keeping at most {@code max} (1..{@value #MAX_MAX_REGIONS}) distinct regions, the others under {@link #OTHER}. */
    public RegionRule withMaxRegions(int max) {
        return new RegionRule(source, patternText, max);
    }

    /** Distinct region values kept (the empty region included); lines of any further one count under {@link #OTHER}. */
    public int maxRegions() {
        return maxRegions;
    }

    public static RegionRule none() {
        return new RegionRule(Source.NONE, null);
    }

    /** @param template a path pattern with a {@code {region}} segment, e.g. {@code logs/{region}/**} */
    public static RegionRule fromFile(String template) {
        if (template == null || !template.contains("{region}")) {
            throw new IllegalArgumentException("the pattern must contain a {region} segment, e.g. logs/{region}/**");
        }
        return new RegionRule(Source.FILE, template);
    }

    /** @param regex null for the whole value, else a regex with a named group {@code region} */
    public static RegionRule fromField(Source source, String regex) {
        if (regex != null && !regex.contains("(?<region>")) {
            throw new IllegalArgumentException("the pattern must have a named group (?<region>...)");
        }
        return new RegionRule(source, regex);
    }

    private static Pattern compile(Source source, String text) {
        if (text == null) {
            return null;
        }
        if (source == Source.FILE) {
            StringBuilder re = new StringBuilder("(?:^|/)");
            for (String seg : text.split("/")) {
                if (re.length() > 7) {
                    re.append('/');
                }
                if (seg.equals("{region}")) {
                    re.append("(?<region>[^/]+)");
                } else if (seg.equals("**")) {
                    re.append(".*");
                } else if (seg.equals("*")) {
                    re.append("[^/]*");
                } else {
                    re.append(Pattern.quote(seg));
                }
            }
            return Pattern.compile(re.toString());
        }
        return Pattern.compile(text);
    }

    public Source source() {
        return source;
    }

    public boolean perLine() {
        return source == Source.HOST || source == Source.ORIGIN;
    }

    /** Region for a whole input file (FILE rule), else "". */
    public String forFile(String filePath) {
        if (source != Source.FILE || filePath == null) {
            return "";
        }
        Matcher m = pattern().matcher(filePath.replace('\\', '/'));
        return m.find() ? m.group("region") : "";
    }

    /** Region for one line's host or origin value (HOST/ORIGIN rules), else "". */
    public String forValue(String value) {
        if (!perLine() || value == null) {
            return "";
        }
        if (patternText == null) {
            return value;
        }
        Matcher m = pattern().matcher(value);
        return m.find() ? m.group("region") : "";
    }

    private Pattern pattern() {
        if (pattern == null) {
            pattern = compile(source, patternText);
        }
        return pattern;
    }
}
