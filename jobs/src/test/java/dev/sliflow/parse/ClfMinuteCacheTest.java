package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ClfMinuteCache} returns exactly what the full parse of the pre-optimisation
 * {@code dev.sliflow.parse.reference.Timestamps#parseClf} returns, whatever the cache holds: every
 * seconds value 00..99 and odd ones, fractions, zones, and dates after a valid timestamp of the same
 * minute (so that they take the shortcut) and after other ones; and long seeded sequences of
 * timestamps that mostly share the minute, edited anywhere.
 */
class ClfMinuteCacheTest {
    private static final String[] MINUTES = {"10/Oct/2023:13:55", "29/Feb/2024:23:59", "29/Feb/2023:23:59",
        "31/Dec/9999:23:59", "01/Jan/1970:00:00", "31/Apr/2024:00:00", "00/Jan/2024:00:00", "15/jun/2024:12:30",
        "15/JUN/2024:24:00", "15/Jun/2024:23:60", "01/Jan/1969:23:59", "01/Foo/2024:00:00"};
    private static final String[] SECONDS_ODD = {"5x", " 5", "x5", "-1", "5", "\u0665\u0665", "+5", "\uff15\uff15"};
    private static final String[] FRACTIONS = {"", ".0", ".1", ".12", ".123", ".1234", ".999999999", ",5", ",123", ".",
        ",", ".x", "..1", ".1.2", ".-1", ".1a", ". 1", ".\u0661", ".12345678901234567890123"};
    private static final String[] ZONES = {"+0000", "-0000", "+0100", "-0530", "+0545", "+1800", "-1800", "+1859",
        "+1900", "+2400", "+0060", "+05:30", "+05", "Z", "", "+00000", "0000", " +0000", "+0000 ", "+\u0661\u0662\u0660\u0660"};

    private final ClfMinuteCache cache = new ClfMinuteCache();
    private final List<String> diffs = new ArrayList<>();
    private int compared;
    private int different;

    /** Compares on the region inside brackets, as the parsers call it. */
    private void check(String ts) {
        String line = "[" + ts + "]";
        long want = dev.sliflow.parse.reference.Timestamps.parseClf(line, 1, line.length() - 1);
        long got = cache.parseClf(line, 1, line.length() - 1);
        compared++;
        if (want != got && different++ < 20) {
            diffs.add("'" + ts + "': expected " + want + " but was " + got);
        }
    }

    @Test
    void sameAsTheFullParseForEverySecondFractionAndZoneAfterAValidTimestampOfTheMinute() {
        List<String> seconds = new ArrayList<>();
        for (int s = 0; s < 100; s++) {
            seconds.add(s < 10 ? "0" + s : Integer.toString(s));
        }
        seconds.addAll(List.of(SECONDS_ODD));
        for (String minute : MINUTES) {
            for (String zone : ZONES) {
                for (String sec : seconds) {
                    for (String frac : FRACTIONS) {
                        check(minute + ":07 +0000"); // a valid one of the minute first (if the minute is valid)
                        check(minute + ":07 " + zone);
                        check(minute + ":" + sec + frac + " " + zone);
                        check(minute + ":" + sec + frac + " " + zone); // again, now possibly from the cache
                    }
                }
            }
        }
        assertThat(diffs).as(different + " of " + compared + " differ").isEmpty();
        assertThat(compared).isGreaterThan(200_000);
    }

    @Test
    void sameAsTheFullParseOnSeededSequencesSharingTheMinute() {
        SplittableRandom rnd = new SplittableRandom(20260416L);
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        String edits = "0123456789 /:.,+-xJ\u00e9";
        String ts = "01/Jan/2024:00:00:00 +0000";
        for (int i = 0; i < 400_000; i++) {
            int r = rnd.nextInt(100);
            if (r < 60) { // the next second, or the same one again
                check(ts);
            } else if (r < 70) { // a new minute of a random date
                int day = 1 + rnd.nextInt(31);
                ts = (day < 10 ? "0" : "") + day + "/" + months[rnd.nextInt(12)] + "/" + (1969 + rnd.nextInt(60)) + ":"
                        + two(rnd.nextInt(25)) + ":" + two(rnd.nextInt(61)) + ":" + two(rnd.nextInt(62)) + " "
                        + (rnd.nextInt(4) == 0 ? ZONES[rnd.nextInt(ZONES.length)] : "+0000");
                check(ts);
            } else if (r < 85) { // other seconds, fraction or zone in the same minute
                check(ts.substring(0, 18) + two(rnd.nextInt(100)) + FRACTIONS[rnd.nextInt(FRACTIONS.length)] + " "
                        + (rnd.nextBoolean() ? ts.substring(ts.length() - 5) : ZONES[rnd.nextInt(ZONES.length)]));
            } else { // one char edited, inserted or removed anywhere
                StringBuilder b = new StringBuilder(ts);
                int at = rnd.nextInt(b.length());
                int k = rnd.nextInt(3);
                if (k == 0) {
                    b.setCharAt(at, edits.charAt(rnd.nextInt(edits.length())));
                } else if (k == 1) {
                    b.insert(at, edits.charAt(rnd.nextInt(edits.length())));
                } else {
                    b.deleteCharAt(at);
                }
                check(b.toString());
            }
        }
        assertThat(diffs).as(different + " of " + compared + " differ").isEmpty();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
