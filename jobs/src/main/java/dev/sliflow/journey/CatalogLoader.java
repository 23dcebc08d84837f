package dev.sliflow.journey;

import dev.sliflow.config.ConfigException;
import dev.sliflow.config.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads and validates a journey catalog YAML file (see jobs/INGEST.md "Journey catalog"). Every problem is
 * a {@link ConfigException} naming file, line and field; nothing is guessed.
 */
public final class CatalogLoader {
    private static final Set<String> TOP = Set.of("defaults", "journeys", "exclude", "region", "formats");
    private static final Set<String> FORMAT = Set.of("path", "format", "latency_field");
    private static final Set<String> DEFAULTS = Set.of("bad_status", "latency_thresholds_ms");
    private static final Set<String> JOURNEY = Set.of("name", "match", "bad_status", "latency_thresholds_ms", "description");
    private static final Set<String> MATCH = Set.of("method", "path", "regex", "host");
    private static final Set<String> REGION = Set.of("from", "pattern", "max_regions");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");
    public static final int MAX_JOURNEYS = 1000;

    private CatalogLoader() {}

    public static JourneyCatalog load(Path file) {
        return fromYaml(YamlNode.load(file));
    }

    public static JourneyCatalog fromYaml(YamlNode root) {
        Map<String, YamlNode> top = root.map(TOP);
        StatusRule defaultBad = StatusRule.defaultRule();
        int[] defaultThresholds = {100, 250, 500, 1000};
        YamlNode defaults = top.get("defaults");
        if (defaults != null) {
            Map<String, YamlNode> d = defaults.map(DEFAULTS);
            if (d.containsKey("bad_status")) {
                defaultBad = statusRule(d.get("bad_status"));
            }
            if (d.containsKey("latency_thresholds_ms")) {
                defaultThresholds = thresholds(d.get("latency_thresholds_ms"));
            }
        }
        YamlNode js = top.get("journeys");
        if (js == null) {
            throw root.error("missing field 'journeys' (a list of journey rules)");
        }
        List<Journey> journeys = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<YamlNode> items = js.list();
        if (items.isEmpty()) {
            throw js.error("at least one journey is needed");
        }
        if (items.size() > MAX_JOURNEYS) {
            throw js.error(items.size() + " journeys; at most " + MAX_JOURNEYS + " are supported");
        }
        for (YamlNode item : items) {
            Map<String, YamlNode> j = item.map(JOURNEY);
            YamlNode nameNode = required(item, j, "name");
            String name = nameNode.nonEmptyText();
            if (!NAME.matcher(name).matches()) {
                throw nameNode.error("'" + name + "' is not a valid journey name (letters, digits, '_', '.', '-'; 1-64 chars)");
            }
            Integer prev = seen.put(name, nameNode.line());
            if (prev != null) {
                throw nameNode.error("duplicate journey '" + name + "' (first defined on line " + prev + ")");
            }
            YamlNode matchNode = required(item, j, "match");
            StatusRule bad = j.containsKey("bad_status") ? statusRule(j.get("bad_status")) : defaultBad;
            int[] th = j.containsKey("latency_thresholds_ms") ? thresholds(j.get("latency_thresholds_ms")) : defaultThresholds;
            journeys.add(match(name, matchNode, bad, th));
        }
        List<Journey> excludes = new ArrayList<>();
        YamlNode ex = top.get("exclude");
        if (ex != null) {
            for (YamlNode item : ex.list()) {
                excludes.add(match("(excluded)", item, defaultBad, defaultThresholds));
            }
        }
        RegionRule region = RegionRule.none();
        YamlNode r = top.get("region");
        if (r != null) {
            region = region(r);
        }
        List<FormatRule> formats = new ArrayList<>();
        YamlNode fs = top.get("formats");
        if (fs != null) {
            for (YamlNode item : fs.list()) {
                Map<String, YamlNode> f = item.map(FORMAT);
                YamlNode path = required(item, f, "path");
                YamlNode format = required(item, f, "format");
                String glob = path.nonEmptyText();
                if (glob.startsWith("/") || glob.contains("..")) {
                    throw path.error("'" + glob + "': a formats: path is a glob matched against the end of a file's path"
                            + " (e.g. iis/** or **/edge-*.log*), without a leading / or ..");
                }
                YamlNode lf = f.get("latency_field");
                try {
                    formats.add(new FormatRule(glob, dev.sliflow.parse.FormatSpec.parse(format.nonEmptyText(),
                            lf == null ? null : lf.nonEmptyText())));
                } catch (IllegalArgumentException e) {
                    throw (lf != null && e.getMessage().startsWith("a latency field") ? lf : format).error(e.getMessage());
                }
            }
        }
        return new JourneyCatalog(journeys, excludes, region, root.file(), formats);
    }

    private static YamlNode required(YamlNode parent, Map<String, YamlNode> m, String key) {
        YamlNode n = m.get(key);
        if (n == null) {
            throw parent.error("missing field '" + key + "'");
        }
        return n;
    }

    private static Journey match(String name, YamlNode node, StatusRule bad, int[] th) {
        Map<String, YamlNode> m = node.map(MATCH);
        String method = null;
        if (m.containsKey("method")) {
            YamlNode mn = m.get("method");
            method = mn.nonEmptyText().toUpperCase(java.util.Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw mn.error("unknown HTTP method '" + mn.text() + "' (expected one of " + new TreeSet<>(METHODS) + ")");
            }
        }
        if (m.containsKey("path") && m.containsKey("regex")) {
            throw node.error("give either 'path' or 'regex', not both");
        }
        PathMatcher path = null;
        if (m.containsKey("path")) {
            YamlNode pn = m.get("path");
            String p = pn.nonEmptyText();
            if (p.contains("?")) {
                throw pn.error("a path template never includes a query string ('?'): the query is not part of a match");
            }
            try {
                path = PathMatcher.template(p);
            } catch (IllegalArgumentException e) {
                throw pn.error(e.getMessage());
            }
        } else if (m.containsKey("regex")) {
            YamlNode rn = m.get("regex");
            try {
                path = PathMatcher.regex(rn.nonEmptyText());
            } catch (IllegalArgumentException e) {
                throw rn.error(e.getMessage());
            }
        }
        Pattern host = null;
        if (m.containsKey("host")) {
            YamlNode hn = m.get("host");
            try {
                host = Pattern.compile(hn.nonEmptyText(), Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw hn.error("invalid host regex: " + e.getDescription());
            }
        }
        if (method == null && path == null && host == null) {
            throw node.error("a match needs at least one of method, path, regex, host");
        }
        return new Journey(name, method, path, host, bad, th);
    }

    private static StatusRule statusRule(YamlNode n) {
        List<String> spec = new ArrayList<>();
        for (YamlNode s : n.listOrScalar()) {
            spec.add(s.nonEmptyText());
        }
        try {
            return new StatusRule(spec);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private static int[] thresholds(YamlNode n) {
        List<YamlNode> items = n.listOrScalar();
        if (items.isEmpty()) {
            throw n.error("at least one threshold is needed");
        }
        if (items.size() > 16) {
            throw n.error("at most 16 thresholds per journey");
        }
        TreeSet<Integer> set = new TreeSet<>();
        for (YamlNode t : items) {
            long v = t.longValue();
            if (v <= 0) {
                throw t.error("a latency threshold must be > 0 ms, got " + v);
            }
            if (v > 86_400_000L) {
                throw t.error("a latency threshold must be at most one day (86400000 ms), got " + v);
            }
            if (!set.add((int) v)) {
                throw t.error("duplicate threshold " + v);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private static RegionRule region(YamlNode n) {
        Map<String, YamlNode> m = n.map(REGION);
        YamlNode from = required(n, m, "from");
        String f = from.nonEmptyText();
        YamlNode pn = m.get("pattern");
        RegionRule rule;
        try {
            switch (f) {
                case "file":
                    if (pn == null) {
                        throw n.error("region from 'file' needs a 'pattern' such as logs/{region}/**");
                    }
                    rule = RegionRule.fromFile(pn.nonEmptyText());
                    break;
                case "host":
                    rule = RegionRule.fromField(RegionRule.Source.HOST, pn == null ? null : pn.nonEmptyText());
                    break;
                case "origin":
                    rule = RegionRule.fromField(RegionRule.Source.ORIGIN, pn == null ? null : pn.nonEmptyText());
                    break;
                default:
                    throw from.error("unknown region source '" + f + "' (expected " + Arrays.asList("file", "host", "origin") + ")");
            }
        } catch (IllegalArgumentException e) {
            throw (pn != null ? pn : n).error(e.getMessage());
        }
        YamlNode mx = m.get("max_regions");
        if (mx == null) {
            return rule;
        }
        long max = mx.longValue();
        if (max < 1 || max > RegionRule.MAX_MAX_REGIONS) {
            throw mx.error("max_regions must be in 1.." + RegionRule.MAX_MAX_REGIONS + " (distinct regions kept; lines of"
                    + " further ones count under " + RegionRule.OTHER + "), got " + max);
        }
        return rule.withMaxRegions((int) max);
    }
}
