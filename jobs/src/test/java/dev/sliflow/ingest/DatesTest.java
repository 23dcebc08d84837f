package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Dates#dt} (which keeps the last day's string) answers as java.time does, in any call order. */
class DatesTest {
    @Test
    void dtEqualsTheUtcDateOfTheInstantWhateverCameBefore() {
        SplittableRandom r = new SplittableRandom(5);
        long base = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            long t = switch (r.nextInt(4)) {
                case 0 -> base + r.nextLong(3 * Dates.DAY_MS); // runs of the same few days
                case 1 -> base - 1 + (r.nextBoolean() ? 0 : 1); // either side of midnight
                case 2 -> -r.nextLong(1L << 40); // before 1970
                default -> r.nextLong(1L << 42); // any day up to the 2100s
            };
            String want = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate().toString();
            assertThat(Dates.dt(t)).as("instant %d", t).isEqualTo(want);
        }
    }
}
