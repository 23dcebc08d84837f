package dev.sliflow.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private static final long S = 1_000_000_000L;

    @Test
    void firstLineHasTheAverageOnly() {
        ProgressLine p = new ProgressLine("lines read");
        assertEquals("  ... 10 s: 5,000,000 lines read (500,000 lines read/s)", p.line(5_000_000, 10 * S));
    }

    @Test
    void laterLinesAddTheRateSinceThePreviousLine() {
        ProgressLine p = new ProgressLine("lines read");
        p.line(5_000_000, 10 * S);
        // 3 M more in 10 s: 300,000/s now, while the average is 400,000/s
        assertEquals("  ... 20 s: 8,000,000 lines read (400,000 lines read/s; 300,000/s in the last 10 s)",
                p.line(8_000_000, 20 * S));
    }

    @Test
    void anIdleStreamShowsZeroNowWhileItsAverageFallsSlowly() {
        ProgressLine p = new ProgressLine("lines read");
        p.line(600_000, 60 * S);
        assertEquals("  ... 70 s: 600,000 lines read (8,571 lines read/s; 0/s in the last 10 s)", p.line(600_000, 70 * S));
        assertEquals("  ... 81 s: 655,000 lines read (8,086 lines read/s; 5,000/s in the last 11 s)",
                p.line(655_000, 81 * S));
    }

    @Test
    void theFirstSecondCountsAsOneSecond() {
        assertEquals("  ... 1 s: 42 lines read (42 lines read/s)", new ProgressLine("lines read").line(42, S / 2));
    }
}
