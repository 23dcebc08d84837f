package dev.sliflow.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as 500ms, 10s, 2m, 1h, 3d from the command line. */
final class Durations {
    private static final Pattern P = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    static Duration parse(String option, String text) {
        Matcher m = P.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration (e.g. 500ms, 10s, 2m, 1h, 3d)");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofDays(n);
        }
    }
}
