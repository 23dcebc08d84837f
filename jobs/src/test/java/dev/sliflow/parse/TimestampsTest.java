package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @ParameterizedTest
    @CsvSource({
        "05/Mar/2021:09:01:38 +0100, 2021-03-05T08:01:38Z",
        "17/Oct/2023:05:57:49 +1100, 2023-10-16T18:57:49Z",
        "29/Jul/2023:10:26:06 -0700, 2023-07-29T17:26:06Z",
        "04/Jan/2020:07:25:02 +0000, 2020-01-04T07:25:02Z",
        "31/Dec/2020:23:59:59 -0930, 2021-01-01T09:29:59Z",
        "29/Feb/2024:12:00:00 +0000, 2024-02-29T12:00:00Z",
        "01/jan/2020:00:00:00 +0000, 2020-01-01T00:00:00Z",
        "14/Jan/2015:12:48:57.127 +0000, 2015-01-14T12:48:57.127Z",
        "14/Jan/2015:12:48:57.1 +0000, 2015-01-14T12:48:57.100Z",
    })
    void clfWithOffsets(String clf, String iso) {
        assertThat(Timestamps.parseClf(clf)).isEqualTo(ms(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "05/Mar/2021:09:01:38", "05/Mrz/2021:09:01:38 +0100", "32/Jan/2021:00:00:00 +0000",
        "00/Jan/2021:00:00:00 +0000", "29/Feb/2023:00:00:00 +0000", "31/Apr/2023:00:00:00 +0000",
        "05/Mar/2021:24:00:00 +0000", "05/Mar/2021:09:60:00 +0000", "05/Mar/2021:09:01:61 +0000",
        "05/Mar/2021:09:01:38 +2500", "05/Mar/2021:09:01:38 0100", "05/Mar/2021:09:01:38 +01", "5/Mar/2021:09:01:38 +0100",
        "05/Mar/21:09:01:38 +0100", "05/Mar/2021 09:01:38 +0100", "05/Mar/2021:09:01:38. +0100",
        "0x/Mar/2021:09:01:38 +0100", "05/Mar/1969:09:01:38 +0100"})
    void clfRejectsBadValues(String clf) {
        assertThat(Timestamps.parseClf(clf)).isEqualTo(Timestamps.INVALID);
    }

    @ParameterizedTest
    @CsvSource({
        "2016-04-15T20:17:00.310Z, 2016-04-15T20:17:00.310Z",
        "2021-12-08T14:02:43.587782192Z, 2021-12-08T14:02:43.587Z",
        "2025-12-31T17:37:40.493035218+01:00, 2025-12-31T16:37:40.493Z",
        "2023-04-26T12:22:55.463821Z, 2023-04-26T12:22:55.463Z",
        "2021-12-15T16:55:18+01:00, 2021-12-15T15:55:18Z",
        "2021-12-15T16:55:18-0330, 2021-12-15T20:25:18Z",
        "2021-12-15 16:55:18, 2021-12-15T16:55:18Z",
        "2021-12-15T16:55:18.5z, 2021-12-15T16:55:18.500Z",
    })
    void iso(String in, String expected) {
        assertThat(Timestamps.parseIso(in)).isEqualTo(ms(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2021-13-01T00:00:00Z", "2021-02-30T00:00:00Z", "2021-12-15T16:55:18+", "2021-12-15T16:55:18Q",
        "2021-12-15T16:55", "2021/12/15T16:55:18Z", "2021-12-15T16:55:18.Z", "2021-12-15T16:55:18+01:0x"})
    void isoRejectsBadValues(String in) {
        assertThat(Timestamps.parseIso(in)).isEqualTo(Timestamps.INVALID);
    }

    @Test
    void zonelessClfInAZone() {
        String s = "30/Jul/2018:09:03:52.726";
        assertThat(Timestamps.parseClfLocal(s, 0, s.length(), ZoneId.of("UTC"))).isEqualTo(ms("2018-07-30T09:03:52.726Z"));
        assertThat(Timestamps.parseClfLocal(s, 0, s.length(), ZoneId.of("Europe/Berlin")))
                .isEqualTo(ms("2018-07-30T07:03:52.726Z"));
    }

    @Test
    void epochSeconds() {
        assertThat(Timestamps.fromEpochSeconds(1693840791.7564995)).isEqualTo(1693840791756L);
        assertThat(Timestamps.fromEpochSeconds(Double.NaN)).isEqualTo(Timestamps.INVALID);
    }
}
