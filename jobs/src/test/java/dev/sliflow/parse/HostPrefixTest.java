package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@code remote - user} shortcut of the combined parsers' vhost detection agrees with the general walk. */
class HostPrefixTest {

    @Test
    void theShortcutOnlyTakesPrefixesWhereTheWalkFindsNoHost() {
        Random rnd = new Random(5);
        String alphabet = "ab9.:-  ,\"[]x";
        int shortcuts = 0;
        for (int round = 0; round < 300_000; round++) {
            StringBuilder b = new StringBuilder();
            if (round % 2 == 0) { // shaped like a real prefix, sometimes with a vhost or odd fields
                if (rnd.nextInt(4) == 0) {
                    b.append(rnd.nextBoolean() ? "shop.example.com " : "a ");
                }
                b.append(rnd.nextBoolean() ? "10.0.0." + rnd.nextInt(255) : "2001:db8::1");
                b.append(rnd.nextInt(5) == 0 ? ", 10.1.1.1" : "");
                b.append(rnd.nextInt(6) == 0 ? " x " : " - ");
                b.append(rnd.nextInt(5) == 0 ? "\"a b\"" : rnd.nextBoolean() ? "-" : "alice");
            } else {
                for (int i = rnd.nextInt(20); i > 0; i--) {
                    b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            String region = b.toString();
            String s = "#" + region + " [";
            int from = 1;
            int end = 1 + region.length();
            ParseResult walk = new ParseResult();
            CombinedLogParser.hostFromPrefixWalk(s, from, end, walk);
            if (CombinedLogParser.isRemoteDashUser(s, from, end)) {
                shortcuts++;
                assertThat(walk.host).as("prefix '%s'", region).isNull();
            }
        }
        assertThat(shortcuts).as("prefixes taking the shortcut").isGreaterThan(30_000);
    }

    @Test
    void theUsualPrefixesTakeTheShortcutAndAVhostDoesNot() {
        String s = "#10.0.0.1 - alice [";
        assertThat(CombinedLogParser.isRemoteDashUser(s, 1, s.length() - 2)).isTrue();
        s = "#10.0.0.1 - - [";
        assertThat(CombinedLogParser.isRemoteDashUser(s, 1, s.length() - 2)).isTrue();
        s = "#shop.example.com 10.0.0.1 - - [";
        assertThat(CombinedLogParser.isRemoteDashUser(s, 1, s.length() - 2)).isFalse();
        ParseResult r = new ParseResult();
        CombinedLogParser.hostFromPrefixWalk(s, 1, s.length() - 2, r);
        assertThat(r.host).isEqualTo("shop.example.com");
    }
}
