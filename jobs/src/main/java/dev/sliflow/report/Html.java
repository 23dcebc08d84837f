package dev.sliflow.report;

import dev.sliflow.slo.Candidate;
import java.util.Locale;

/** HTML escaping and the number formats of the report. */
final class Html {
    private Html() {}

    /** Escapes text for HTML element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A target as the candidates name it: 0.995 → "99.5%". */
    static String target(double ratio) {
        return Candidate.percent(ratio) + "%";
    }

    /** A measured ratio with two decimals: 0.99536 → "99.54%"; "–" for NaN. */
    static String pct(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }
}
