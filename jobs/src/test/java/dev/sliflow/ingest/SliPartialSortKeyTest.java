package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch merge's sort key: whatever way Flink's sort compares the key's 8 big-endian bytes (as
 * unsigned bytes, as signed bytes, or as the long), it orders partials by minute, then journey.
 */
class SliPartialSortKeyTest {
    private static SliPartial partial(long minuteIndex, int journey) {
        SliPartial p = new SliPartial();
        p.minute = minuteIndex * 60_000L;
        p.journeyIndex = journey;
        return p;
    }

    private static int bytes(long a, long b, boolean signed) {
        byte[] x = ByteBuffer.allocate(8).putLong(a).array();
        byte[] y = ByteBuffer.allocate(8).putLong(b).array();
        for (int i = 0; i < 8; i++) {
            int c = signed ? Byte.compare(x[i], y[i]) : Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Test
    void everyByteComparisonOrdersByMinuteThenJourney() {
        Random r = new Random(7);
        long firstMinute = java.time.Instant.parse("2020-01-01T00:00:00Z").getEpochSecond() / 60;
        for (int i = 0; i < 200_000; i++) {
            // minutes over ~1,000 years from 2020, journeys 0..1023, and neighbours across byte boundaries
            long m1 = firstMinute + (r.nextInt(4) == 0 ? r.nextInt(100_000) : (long) (r.nextDouble() * 525_600_000L));
            long m2 = r.nextBoolean() ? m1 + r.nextInt(3) - 1 : firstMinute + (long) (r.nextDouble() * 525_600_000L);
            int j1 = r.nextInt(1024);
            int j2 = r.nextBoolean() ? j1 : r.nextInt(1024);
            long k1 = SliPartial.spread7(partial(m1, j1).minuteJourney());
            long k2 = SliPartial.spread7(partial(m2, j2).minuteJourney());
            int expected = Long.signum(Long.compare(m1, m2) != 0 ? Long.compare(m1, m2) : Integer.compare(j1, j2));
            assertThat(Integer.signum(bytes(k1, k2, false))).isEqualTo(expected);
            assertThat(Integer.signum(bytes(k1, k2, true))).isEqualTo(expected);
            assertThat(Long.signum(Long.compare(k1, k2))).isEqualTo(expected);
        }
    }

    @Test
    void thePlainKeyIsNotOrderedUnderSignedBytesWhichIsWhyTheSortKeyExists() {
        // two minutes 8,192 apart across bit 23 of minute x 1024: the later one sorts first as signed bytes
        long a = partial(8_191, 0).minuteJourney();
        long b = partial(8_192, 0).minuteJourney();
        assertThat(bytes(a, b, true)).isPositive();
        assertThat(bytes(SliPartial.spread7(partial(8_191, 0).minuteJourney()), SliPartial.spread7(partial(8_192, 0).minuteJourney()), true)).isNegative();
    }

    @Test
    void spreadKeepsTheLow56BitsWithNoTopBitInAnyByte() {
        assertThat(SliPartial.spread7(0)).isZero();
        assertThat(SliPartial.spread7(0x7f)).isEqualTo(0x7f);
        assertThat(SliPartial.spread7(0x80)).isEqualTo(0x100);
        assertThat(SliPartial.spread7((1L << 56) - 1)).isEqualTo(0x7f7f7f7f7f7f7f7fL);
    }
}
