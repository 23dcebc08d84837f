package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void clf() {
        assertThat(Timestamps.parseClf("05/Mar/2021:09:01:38 +0100")).isEqualTo(java.time.Instant.parse("2021-03-05T08:01:38Z").toEpochMilli());
    }
}
