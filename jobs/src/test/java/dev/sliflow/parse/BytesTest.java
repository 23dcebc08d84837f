package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Bytes#indexOf} (eight bytes at a time) finds exactly what a byte-by-byte search finds. */
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
}
