package dev.sliflow.journey;

import dev.sliflow.parse.FormatSpec;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A catalog's {@code formats:} entry: the input files whose path matches {@code glob} are read in {@code spec}'s
 * format, whatever {@code --format} says (one folder often holds several servers' logs). The glob matches the end
 * of a file's path from a folder boundary: {@code *} any characters but {@code /}, {@code **} any characters,
 * {@code ?} one character but {@code /} ({@code iis/**} matches {@code /var/log/iis/u_ex260301.log}).
 */
public record FormatRule(String glob, FormatSpec spec) implements Serializable {

    /** Whether the rule applies to the file at {@code filePath} (any separator). */
    public boolean matches(String filePath) {
        return regex(glob).matcher(filePath.replace('\\', '/')).find();
    }

    /** The glob as a regular expression anchored at the path's end and at a folder boundary. */
    static Pattern regex(String glob) {
        StringBuilder r = new StringBuilder("(?:^|/)");
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                    r.append("(?:.*/)?"); // "**/" : zero or more folders
                    i += 2;
                } else {
                    r.append(".*");
                    i++;
                }
            } else if (c == '*') {
                r.append("[^/]*");
            } else if (c == '?') {
                r.append("[^/]");
            } else {
                r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(r.append('$').toString());
    }
}
