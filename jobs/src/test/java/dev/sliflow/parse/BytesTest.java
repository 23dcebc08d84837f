package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Bytes#indexOf} and {@link Bytes#pathEnd} (eight bytes at a time) find exactly what a byte-by-byte search finds. */
class BytesTest {
    @Test
    void indexOfEqualsTheNaiveSearchForAnyBoundsAndBytes() {
        SplittableRandom rnd = new SplittableRandom(17);
        byte[] alphabet = {'"', ' ', 'a', 0, (byte) 0x80, (byte) 0xa2, (byte) 0xff, 1, (byte) 0x7f, '#'};
        for (int t = 0; t < 200_000; t++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[rnd.nextInt(alphabet.length)];
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int to = from + rnd.nextInt(b.length - from + 1);
            byte c = alphabet[rnd.nextInt(alphabet.length)];
            int want = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == c) {
                    want = i;
                    break;
                }
            }
            assertThat(Bytes.indexOf(b, c, from, to)).as("byte %d in [%d, %d) of %d bytes", c, from, to, b.length).isEqualTo(want);
        }
    }

    @Test
    void pathEndEqualsTheNaiveSearchForAnyBoundsAndBytes() {
        SplittableRandom rnd = new SplittableRandom(23);
        byte[] alphabet = {'/', 'a', '?', '#', 0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff, '>', '"', (byte) ('"' ^ 0x80)};
        for (int t = 0; t < 200_000; t++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) ('a' + rnd.nextInt(26));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int to = from + rnd.nextInt(b.length - from + 1);
            int want = to;
            for (int i = from; i < to; i++) {
                if (b[i] == '?' || b[i] == '#' || b[i] < 0) {
                    want = i;
                    break;
                }
            }
            assertThat(Bytes.pathEnd(b, from, to)).as("[%d, %d) of %s", from, to, java.util.Arrays.toString(b)).isEqualTo(want);
        }
    }

    @Test
    void nextAtMostCommaEqualsTheNaiveSearchForAnyBoundsAndBytes() {
        SplittableRandom rnd = new SplittableRandom(29);
        byte[] alphabet = {' ', '"', ',', '-', '.', '+', 0, 9, 0x2c, 0x2d, (byte) 0x80, (byte) 0xac, (byte) 0xad, (byte) 0xff, ':'};
        for (int t = 0; t < 200_000; t++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : (byte) ('0' + rnd.nextInt(10));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int to = from + rnd.nextInt(b.length - from + 1);
            int want = to;
            for (int i = from; i < to; i++) {
                if (b[i] >= 0 && b[i] <= ',') {
                    want = i;
                    break;
                }
            }
            assertThat(Bytes.nextAtMostComma(b, from, to)).as("[%d, %d) of %s", from, to, java.util.Arrays.toString(b))
                    .isEqualTo(want);
        }
    }

    @Test
    void isRemoteDashUserOnBytesAgreesWithTheStringVersion() {
        SplittableRandom rnd = new SplittableRandom(31);
        String[] parts = {"10.0.0.1", " ", "-", "frank", "\"", ",", "2001:db8::1", "é", "\t", "a b"};
        for (int t = 0; t < 200_000; t++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(7);
            for (int i = 0; i < n; i++) {
                sb.append(parts[rnd.nextInt(parts.length)]);
            }
            if (rnd.nextBoolean()) {
                sb.setLength(0);
                sb.append(parts[rnd.nextInt(parts.length)]).append(" - ").append(parts[rnd.nextInt(parts.length)]);
            }
            String s = sb.toString();
            byte[] b = ("x" + s + "y").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean ascii = s.chars().allMatch(c -> c < 0x80);
            if (ascii) {
                assertThat(CombinedLogParser.isRemoteDashUser(b, 1, b.length - 1)).as("'%s'", s)
                        .isEqualTo(CombinedLogParser.isRemoteDashUser(s, 0, s.length()));
            }
        }
    }
}
