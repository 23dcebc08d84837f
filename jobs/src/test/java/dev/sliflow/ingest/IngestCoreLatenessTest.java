package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.parse.LogFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streaming lateness in the parse step, against Flink's own rule: a one-minute event-time window
 * [m, m + 60 s) fires — and then drops anything for it — once the watermark is at least
 * m + 59,999 ms (its max timestamp). A line of a minute the watermark has closed must be late here,
 * or its partial reaches a window that is gone.
 */
class IngestCoreLatenessTest {
    static final class Collect implements IngestCore.Emitter {
        final List<SliPartial> partials = new ArrayList<>();
        final List<AuditRow> audits = new ArrayList<>();
        final List<LateRow> late = new ArrayList<>();

        @Override
        public void partial(SliPartial p) {
            partials.add(p);
        }

        @Override
        public void reject(RejectRow r) {}

        @Override
        public void audit(AuditRow a) {
            audits.add(a);
        }

        @Override
        public void unmatched(UnmatchedRow u) {}

        @Override
        public void late(LateRow l) {
            late.add(l);
        }
    }

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static IngestCore core(Collect c) {
        return new IngestCore(IngestCoreTest.CATALOG, LogFormat.NGINX, DateRange.all(), 65536, c);
    }

    @Test
    void aLineAtTheEndOfAMinuteIsLateOnceTheWatermarkIsAtTheMinutesLastMillisecond() {
        Collect c = new Collect();
        IngestCore core = core(c);
        // Flink's window of 10:00 has fired at this watermark (maxTimestamp = 10:00:59.999)
        core.closeMinutesBefore(ms("2026-03-01T10:00:59.999Z"));
        core.line("/logs/a.log", 0L, 1, IngestCoreTest.nginx("01/Mar/2026:10:00:59 +0000", "POST /api/v1/checkout", 200, "0.050"));
        core.line("/logs/a.log", 0L, 2, IngestCoreTest.nginx("01/Mar/2026:10:01:00 +0000", "POST /api/v1/checkout", 200, "0.050"));
        core.finishAll();

        assertThat(c.late).as("the line of the closed minute 10:00").hasSize(1);
        LateRow l = c.late.get(0);
        assertThat(l.eventTime).isEqualTo(ms("2026-03-01T10:00:59Z"));
        assertThat(l.minute).isEqualTo(ms("2026-03-01T10:00:00Z"));
        assertThat(l.requests).isEqualTo(1);
        assertThat(l.lineNumber).isEqualTo(1L);
        assertThat(l.journey).isEqualTo("checkout");
        assertThat(l.closedBefore).isEqualTo(ms("2026-03-01T10:01:00Z"));
        assertThat(c.partials).as("only 10:01 is aggregated").hasSize(1);
        assertThat(c.partials.get(0).minute).isEqualTo(ms("2026-03-01T10:01:00Z"));
        assertThat(c.partials.get(0).total).isEqualTo(1);
        assertThat(c.audits.stream().mapToLong(a -> a.late).sum()).isEqualTo(1);
        assertThat(c.audits.stream().mapToLong(a -> a.matched).sum()).isEqualTo(1);
    }

    @Test
    void oneMillisecondEarlierTheMinuteIsStillOpen() {
        Collect c = new Collect();
        IngestCore core = core(c);
        core.closeMinutesBefore(ms("2026-03-01T10:00:59.998Z"));
        core.line("/logs/a.log", 0L, 1, IngestCoreTest.nginx("01/Mar/2026:10:00:59 +0000", "POST /api/v1/checkout", 200, "0.050"));
        core.line("/logs/a.log", 0L, 2, IngestCoreTest.nginx("01/Mar/2026:09:59:59 +0000", "POST /api/v1/checkout", 200, "0.050"));
        core.finishAll();

        assertThat(c.late).as("09:59 is closed").hasSize(1);
        assertThat(c.late.get(0).eventTime).isEqualTo(ms("2026-03-01T09:59:59Z"));
        assertThat(c.late.get(0).closedBefore).isEqualTo(ms("2026-03-01T10:00:00Z"));
        assertThat(c.partials).hasSize(1);
        assertThat(c.partials.get(0).minute).isEqualTo(ms("2026-03-01T10:00:00Z"));
    }

    @Test
    void theBoundaryNeverMovesBackAndTheEndOfInputClosesNothingByOverflow() {
        Collect c = new Collect();
        IngestCore core = core(c);
        core.closeMinutesBefore(ms("2026-03-01T10:00:59.999Z"));
        core.closeMinutesBefore(ms("2026-03-01T09:00:00Z"));
        assertThat(core.closedBefore()).isEqualTo(ms("2026-03-01T10:01:00Z"));
        core.closeMinutesBefore(Long.MAX_VALUE);
        assertThat(core.closedBefore()).as("the final watermark closes every minute").isEqualTo(Long.MAX_VALUE);
    }
}
