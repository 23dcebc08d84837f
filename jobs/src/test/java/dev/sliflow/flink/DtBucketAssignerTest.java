package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.ingest.Partitioned;
import org.junit.jupiter.api.Test;

class DtBucketAssignerTest {
    record R(String dt) implements Partitioned {}

    @Test
    void bucketsByDtAndRejectsAnythingButADate() {
        DtBucketAssigner<R> a = new DtBucketAssigner<>();
        assertThat(a.getBucketId(new R("2026-03-01"), null)).isEqualTo("dt=2026-03-01");
        assertThat(a.getBucketId(new R(new String("2026-03-01")), null)).isEqualTo("dt=2026-03-01");
        assertThat(a.getBucketId(new R("2026-03-02"), null)).isEqualTo("dt=2026-03-02");
        for (String bad : new String[] {null, "", "2026-3-01", "2026-03-011", "2026/03/01", "../../etc", "2026-03-0x",
                "٢٠٢٦-03-01"}) {
            assertThatThrownBy(() -> a.getBucketId(new R(bad), null)).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("invalid partition value");
        }
        // a bad value after a good one is still rejected
        a.getBucketId(new R("2026-03-01"), null);
        assertThatThrownBy(() -> a.getBucketId(new R("2026-03-01/.."), null)).isInstanceOf(IllegalStateException.class);
    }
}
