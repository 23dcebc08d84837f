package dev.sliflow.journey;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matches a request path (no query string) against a path template or a regular expression.
 *
 * <p>Templates: literal segments, {@code {name}} = exactly one non-empty segment, {@code *} = one
 * segment of any content, {@code **} (last) = the rest, possibly empty. Matching a template is a
 * segment walk without regex or allocation.
 */
public abstract class PathMatcher implements Serializable {
    private static final long serialVersionUID = 1L;

    public abstract boolean matches(String path);

    /** The configured text, for messages and docs. */
    public abstract String describe();

    public static PathMatcher template(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a path template must start with '/': '" + template + "'");
        }
        List<String> segs = new ArrayList<>();
        String[] parts = template.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("**") && i != parts.length - 1) {
                throw new IllegalArgumentException("'**' may only be the last segment: '" + template + "'");
            }
            if (p.startsWith("{") != p.endsWith("}")) {
                throw new IllegalArgumentException("unbalanced '{' '}' in segment '" + p + "' of '" + template + "'");
            }
            if (p.startsWith("{") && p.length() < 3) {
                throw new IllegalArgumentException("empty parameter name '{}' in '" + template + "'");
            }
            segs.add(p);
        }
        return new Template(template, segs.toArray(new String[0]));
    }

    public static PathMatcher regex(String regex) {
        try {
            return new Regex(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex '" + regex + "': " + e.getDescription());
        }
    }

    /** A path template; its segments are read (never changed) by {@link MatchIndex} to build its trie. */
    static final class Template extends PathMatcher {
        private static final long serialVersionUID = 1L;
        private final String text;
        /** Segment kinds: null = {param} or *, "**" = rest, otherwise a literal. */
        private final String[] literals;
        private final boolean rest;

        Template(String text, String[] segs) {
            this.text = text;
            boolean r = segs.length > 0 && segs[segs.length - 1].equals("**");
            this.rest = r;
            int n = r ? segs.length - 1 : segs.length;
            literals = new String[n];
            for (int i = 0; i < n; i++) {
                String s = segs[i];
                literals[i] = (s.startsWith("{") || s.equals("*")) ? null : s;
            }
        }

        /** The segments before any trailing {@code **}: a literal, or null for {@code {name}} / {@code *}. Do not modify. */
        String[] segments() {
            return literals;
        }

        /** Whether the template ends with {@code **}. */
        boolean rest() {
            return rest;
        }

        @Override
        public boolean matches(String path) {
            if (path == null || path.isEmpty() || path.charAt(0) != '/') {
                return false;
            }
            int pos = 1;
            int len = path.length();
            for (int i = 0; i < literals.length; i++) {
                if (pos > len) {
                    return false;
                }
                int end = path.indexOf('/', pos);
                if (end < 0) {
                    end = len;
                }
                String lit = literals[i];
                if (lit == null) {
                    if (end == pos) {
                        return false; // a parameter needs a non-empty segment
                    }
                } else if (end - pos != lit.length() || !path.regionMatches(pos, lit, 0, lit.length())) {
                    return false;
                }
                pos = end + 1;
            }
            if (rest) {
                return true;
            }
            // all segments consumed: the path must end exactly here
            return pos == len + 1;
        }

        @Override
        public String describe() {
            return text;
        }
    }

    private static final class Regex extends PathMatcher {
        private static final long serialVersionUID = 1L;
        private final Pattern pattern;

        Regex(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public boolean matches(String path) {
            return path != null && pattern.matcher(path).matches();
        }

        @Override
        public String describe() {
            return "regex:" + pattern.pattern();
        }
    }
}
