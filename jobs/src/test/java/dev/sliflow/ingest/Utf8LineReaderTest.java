package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8LineReader} gives exactly the lines a {@code BufferedReader} over a replacing UTF-8 decoder gives. */
class Utf8LineReaderTest {

    @Test
    void lineEndsAreThoseOfBufferedReader() throws IOException {
        assertThat(lines("a\nb\r\nc\rd", 64)).containsExactly("a", "b", "c", "d");
        assertThat(lines("a\n\n\r\r\n\nb\n", 64)).containsExactly("a", "", "", "", "", "b");
        assertThat(lines("", 64)).isEmpty();
        assertThat(lines("\n", 64)).containsExactly("");
        assertThat(lines("x\r", 64)).containsExactly("x");
        assertThat(lines("no end", 64)).containsExactly("no end");
    }

    @Test
    void crLfSplitAcrossReadsIsOneLineEnd() throws IOException {
        // a stream that hands out one byte per read: every line end straddles a refill
        byte[] data = "abc\r\ndef\r\n\r\nghi".getBytes(StandardCharsets.US_ASCII);
        try (Utf8LineReader r = new Utf8LineReader(new OneByteAtATime(data), 64)) {
            List<String> got = new ArrayList<>();
            for (String s; (s = r.readLine()) != null; ) {
                got.add(s);
            }
            assertThat(got).containsExactly("abc", "def", "", "ghi");
        }
    }

    @Test
    void linesLongerThanTheBufferAreWhole() throws IOException {
        String longLine = "x".repeat(1_000_000);
        assertThat(lines("a\n" + longLine + "\nb", 64)).containsExactly("a", longLine, "b");
    }

    @Test
    void multiByteAndInvalidUtf8AreDecodedAsBufferedReaderDoes() throws IOException {
        assertThat(lines("caf\u00e9 \u2603 \ud83d\ude00\n", 64)).containsExactly("caf\u00e9 \u2603 \ud83d\ude00");
        byte[] bad = {'a', (byte) 0xC3, '\n', (byte) 0xFF, 'b', (byte) 0xE2, (byte) 0x82, '\r', (byte) 0xF0, (byte) 0x9F, (byte) 0x98};
        assertThat(read(bad, 64)).isEqualTo(reference(bad)).hasSize(3);
    }

    @Test
    void randomBytesGiveTheSameLinesAsBufferedReader() throws IOException {
        Random rnd = new Random(42);
        byte[] alphabet = {'a', 'Z', ' ', '"', '/', '\n', '\r', 0, (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC,
                (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xFF, (byte) 0x80, (byte) 0xED, (byte) 0xA0};
        for (int round = 0; round < 2_000; round++) {
            int n = rnd.nextInt(round < 1_000 ? 40 : 3_000);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                b.write(rnd.nextInt(4) == 0 ? alphabet[rnd.nextInt(alphabet.length)] : 'a' + rnd.nextInt(26));
            }
            byte[] data = b.toByteArray();
            int buffer = 64 + rnd.nextInt(200);
            assertThat(read(data, buffer)).as("round %d, buffer %d", round, buffer).isEqualTo(reference(data));
        }
    }

    @Test
    void findEolFindsTheFirstLineEndAtEveryOffset() {
        Random rnd = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[rnd.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                int k = rnd.nextInt(10);
                b[i] = (byte) (k == 0 ? '\n' : k == 1 ? '\r' : k == 2 ? 0x0B : k == 3 ? 0x8A : k == 4 ? 0x8D : rnd.nextInt(256));
            }
            int from = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
            int expected = -1;
            for (int i = from; i < b.length; i++) {
                if (b[i] == '\n' || b[i] == '\r') {
                    expected = i;
                    break;
                }
            }
            assertThat(Utf8LineReader.findEol(b, from, b.length)).isEqualTo(expected);
        }
    }

    private static List<String> lines(String text, int buffer) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        List<String> got = read(data, buffer);
        assertThat(got).isEqualTo(reference(data));
        return got;
    }

    private static List<String> read(byte[] data, int buffer) throws IOException {
        List<String> out = new ArrayList<>();
        try (Utf8LineReader r = new Utf8LineReader(new ByteArrayInputStream(data), buffer)) {
            for (String s; (s = r.readLine()) != null; ) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> reference(byte[] data) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(data),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            for (String s; (s = r.readLine()) != null; ) {
                out.add(s);
            }
        }
        return out;
    }

    private static final class OneByteAtATime extends InputStream {
        private final byte[] data;
        private int i;

        OneByteAtATime(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return i < data.length ? data[i++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (i >= data.length) {
                return -1;
            }
            b[off] = data[i++];
            return 1;
        }
    }
}
