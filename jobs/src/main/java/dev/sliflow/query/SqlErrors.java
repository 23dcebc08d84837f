package dev.sliflow.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the message of a Flink SQL parse or validation error into one short line for a terminal.
 * Calcite's parser lists every token it would have accepted ("Was expecting one of: …", thousands of
 * characters when an expression could start there); an analyst needs the place, the token, a few
 * alternatives, and above all to hear that a column named like a keyword ({@code minute} of
 * {@code sli_minute}) must be written in backticks. Works on the message text only, so it is tested
 * with messages captured from Flink, without Flink.
 */
public final class SqlErrors {
    /** Expected tokens shown at most; the rest become "…". */
    static final int MAX_EXPECTED = 5;
    /** Longest message kept from a validation or other error (its first line). */
    static final int MAX_LENGTH = 240;

    private static final Pattern PARSE = Pattern.compile(
            "Encountered \"((?:[^\"\\\\]|\\\\.)*)\" at line (\\d+), column (\\d+)\\.(.*)", Pattern.DOTALL);
    private static final Pattern RANGE = Pattern.compile("^From line (\\d+), column (\\d+) to line \\d+, column \\d+: ");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private SqlErrors() {}

    /** The one-line form of a Flink SQL error message (null or blank: "invalid SQL"). */
    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "invalid SQL";
        }
        String m = message.strip();
        for (String prefix : new String[] {"SQL parse failed. ", "SQL validation failed. "}) {
            if (m.startsWith(prefix)) {
                m = m.substring(prefix.length());
            }
        }
        Matcher p = PARSE.matcher(m);
        if (p.lookingAt()) {
            return parseError(unescape(p.group(1)), p.group(2), p.group(3), expected(p.group(4)));
        }
        String first = m.lines().findFirst().orElse(m).strip();
        Matcher r = RANGE.matcher(first);
        if (r.find()) { // Calcite's "From line 1, column 8 to line 1, column 21: " -> where it starts
            first = "line " + r.group(1) + ", column " + r.group(2) + ": " + first.substring(r.end());
        }
        return first.length() <= MAX_LENGTH ? first : first.substring(0, MAX_LENGTH - 1) + "…";
    }

    /**
     * A bare word where the parser would have taken an identifier can only be a word the lexer read
     * as a keyword: a reserved word used as a name. Then the expected list (every way an expression
     * may start) is no help, the backticks are.
     */
    private static String parseError(String encountered, String line, String column, List<String> expected) {
        String where = "line " + line + ", column " + column + ": ";
        String token = encountered.strip().split("\\s+")[0];
        if (WORD.matcher(token).matches() && expected.contains("<IDENTIFIER>")) {
            return where + "\"" + token + "\" is a reserved word in Flink SQL; as a name write it in backticks: `" + token + "`";
        }
        StringBuilder b = new StringBuilder(where).append("unexpected \"").append(token).append('"');
        if (!expected.isEmpty()) {
            b.append(", expected ");
            for (int i = 0; i < Math.min(MAX_EXPECTED, expected.size()); i++) {
                b.append(i == 0 ? "" : ", ").append(expected.get(i));
            }
            if (expected.size() > MAX_EXPECTED) {
                b.append(", …");
            }
        }
        return b.toString();
    }

    /** The alternatives after "Was expecting (one of):", one a line, without their trailing "...". */
    private static List<String> expected(String rest) {
        List<String> out = new ArrayList<>();
        int at = rest.indexOf("Was expecting");
        if (at < 0) {
            return out;
        }
        List<String> lines = rest.substring(at).lines().toList();
        for (String l : lines.subList(1, lines.size())) {
            String t = l.strip();
            if (t.endsWith("...")) {
                t = t.substring(0, t.length() - 3).strip();
            }
            if (!t.isEmpty() && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Calcite escapes quotes and backslashes in the token it shows. */
    private static String unescape(String s) {
        return s.replaceAll("\\\\(.)", "$1");
    }
}
