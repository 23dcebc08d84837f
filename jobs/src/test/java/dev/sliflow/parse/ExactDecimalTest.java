package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exact latency readers (issue 27, item 10) against BigDecimal: the value of the text times
 * 10^shift, rounded up, with no double on the way; and the parsers' latencies in every unit.
 */
class ExactDecimalTest {
    /** What {@link Chars#decimalCeil} must answer, from BigDecimal. */
    static long expected(String text, int shift) {
        BigDecimal v;
        try {
            v = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return Chars.NOT_DECIMAL;
        }
        BigDecimal units = v.movePointRight(shift).setScale(0, RoundingMode.CEILING);
        if (v.signum() < 0 || units.compareTo(BigDecimal.valueOf(Chars.LIMIT)) > 0) {
            return Chars.BEYOND;
        }
        return units.longValueExact();
    }

    static String randomDecimal(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        if (r.nextInt(20) == 0) {
            b.append(r.nextBoolean() ? '-' : '+');
        }
        int intDigits = r.nextInt(8);
        for (int i = 0; i < intDigits; i++) {
            b.append((char) ('0' + (r.nextInt(4) == 0 ? 0 : r.nextInt(10))));
        }
        int frac = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 22);
        if (frac > 0 || intDigits == 0) {
            b.append('.');
        }
        for (int i = 0; i < frac; i++) {
            b.append((char) ('0' + (r.nextInt(3) == 0 ? 0 : r.nextInt(10))));
        }
        if (intDigits == 0 && frac == 0) {
            b.append('5');
        }
        return b.toString();
    }

    @Test
    void decimalCeilIsBigDecimalsCeiling() {
        SplittableRandom r = new SplittableRandom(27);
        for (int n = 0; n < 200_000; n++) {
            String t = randomDecimal(r);
            int shift = new int[] {-3, 0, 3, 6, 9}[r.nextInt(5)];
            long want = expected(t, shift);
            assertThat(Chars.decimalCeil(t, 0, t.length(), shift, false)).as("%s × 10^%d", t, shift).isEqualTo(want);
            if (want >= 0 && want != Chars.BEYOND) {
                boolean whole = new BigDecimal(t).movePointRight(shift).stripTrailingZeros().scale() <= 0;
                assertThat(Chars.decimalCeil(t, 0, t.length(), shift, true)).as("exact %s × 10^%d", t, shift)
                        .isEqualTo(whole ? want : Chars.FINER);
            }
        }
    }

    @Test
    void edgeCases() {
        for (String bad : new String[] {"", ".", "-", "+", "1.2.3", "1e3", "0x10", "1,5", " 1", "--1"}) {
            assertThat(Chars.decimalCeil(bad, 0, bad.length(), 6, false)).as(bad).isEqualTo(Chars.NOT_DECIMAL);
        }
        assertThat(Chars.decimalCeil("-0.000", 0, 6, 6, false)).isZero();
        assertThat(Chars.decimalCeil("-0.001", 0, 6, 6, false)).isEqualTo(Chars.BEYOND);
        assertThat(Chars.decimalCeil("123456789012345678901234", 0, 24, 0, false)).isEqualTo(Chars.BEYOND);
        assertThat(Chars.decimalCeil("0.30000000000000000000000001", 0, 28, 6, false)).isEqualTo(300_001);
        assertThat(Chars.decimalCeil("1.", 0, 2, 6, false)).isEqualTo(1_000_000);
        assertThat(Chars.decimalCeil(".5", 0, 2, 3, false)).isEqualTo(500);
        assertThat(Chars.decimalCeil("300000001", 0, 9, -3, false)).isEqualTo(300_001); // ns → µs
        assertThat(Chars.decimalCeil("300000000", 0, 9, -3, false)).isEqualTo(300_000);
        // JSON numbers with an exponent
        assertThat(Chars.decimalCeilE("3e-1", 6)).isEqualTo(300_000);
        assertThat(Chars.decimalCeilE("3.00000001E-1", 6)).isEqualTo(300_001);
        assertThat(Chars.decimalCeilE("1.5e+2", 3)).isEqualTo(150_000);
        assertThat(Chars.decimalCeilE("5e-7", 6)).isEqualTo(1);
        assertThat(Chars.decimalCeilE("0e400", 6)).isZero();
        assertThat(Chars.decimalCeilE("1e400", 6)).isEqualTo(Chars.BEYOND);
        assertThat(Chars.decimalCeilE("1e-400", 6)).isEqualTo(1);
        assertThat(Chars.decimalCeilE("1e", 6)).isEqualTo(Chars.NOT_DECIMAL);
    }

    @Test
    void plainTokenMicrosOnBothPaths() {
        SplittableRandom r = new SplittableRandom(10);
        for (int n = 0; n < 100_000; n++) {
            int intDigits = r.nextInt(1, 10);
            int scale = r.nextInt(1, 19 - intDigits);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < intDigits + scale; i++) {
                if (i == intDigits) {
                    b.append('.');
                }
                b.append((char) ('0' + r.nextInt(10)));
            }
            String t = b.toString();
            String line = t + (r.nextBoolean() ? " 0.1" : "");
            long want = expected(t, 6);
            assertThat(Chars.plainDecimalMicros(line, 0, line.length())).as(t).isEqualTo(want);
            byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
            assertThat(Bytes.plainDecimalMicros(bytes, 0, bytes.length)).as(t).isEqualTo(want);
        }
        assertThat(Chars.plainDecimalMicros("0.3x", 0, 4)).isEqualTo(-1);
        assertThat(Chars.plainDecimalMicros("1234567890.1", 0, 12)).isEqualTo(-1); // 10 integer digits
        assertThat(Chars.plainDecimalMicros("1.0000000000000000001", 0, 21)).isEqualTo(-1); // 20 digits
    }

    static long upstream(String list) {
        return NginxParser.upstreamMicros(list, 0, list.length());
    }

    @Test
    void sumsWithTimesFinerThanANanosecondAreExact() {
        // 0.1000000000005 + 0.1999999999995 = 0.3 s exactly: rounding each term up to the ns would give 300.001 ms
        assertThat(upstream("0.1000000000005, 0.1999999999995")).isEqualTo(300_000);
        assertThat(upstream("0.1000000000005 : 0.2")).isEqualTo(300_001);
        assertThat(upstream("-, -")).isEqualTo(ParseResult.NO_LATENCY);
        assertThat(upstream("0.019, 0.281")).isEqualTo(300_000);
        String alb = "https 2023-04-26T19:53:46.679895Z app/my-lb/490d 192.168.1.13:44740 10.0.0.1:80 %s %s %s 200 200 167"
                + " 2 \"GET https://api.example.com:443/x?y HTTP/1.1\" \"ua\" - - arn \"Root=1\" \"-\" \"-\" 0"
                + " 2023-04-26T19:53:46.678000Z \"forward\"";
        ParseResult r = new ParseResult();
        LineParser p = Parsers.forFormat(LogFormat.ALB);
        assertThat(p.parse(String.format(alb, "0.1000000000005", "0.1999999999995", "-1"), r)).as(r.reason()).isTrue();
        assertThat(r.latencyUs).isEqualTo(300_000);
        assertThat(p.parse(String.format(alb, "0.019", "0.281", "0.000"), r)).isTrue();
        assertThat(r.latencyUs).isEqualTo(300_000);
        assertThat(p.parse(String.format(alb, "0.000086", "0.000001", "-1"), r)).isTrue();
        assertThat(r.latencyUs).isEqualTo(87);
        assertThat(p.parse(String.format(alb, "-0.5", "0.1", "-1"), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(p.parse(String.format(alb, "90000", "0.1", "-1"), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_LATENCY);
    }

    @Test
    void jsonDurationUnits() {
        ParseResult r = new ParseResult();
        String line = "{\"t\":1700000000123,\"m\":\"GET\",\"u\":\"/p\",\"c\":200,\"d\":%s}";
        Object[][] cases = {
            {JsonFieldMapping.DurationUnit.SECONDS, "0.300000001", 300_001L},
            {JsonFieldMapping.DurationUnit.SECONDS, "\"0.3\"", 300_000L},
            {JsonFieldMapping.DurationUnit.MILLISECONDS, "300", 300_000L},
            {JsonFieldMapping.DurationUnit.MILLISECONDS, "300.0000001", 300_001L},
            {JsonFieldMapping.DurationUnit.MICROSECONDS, "300000", 300_000L},
            {JsonFieldMapping.DurationUnit.MICROSECONDS, "1.5", 2L},
            {JsonFieldMapping.DurationUnit.NANOSECONDS, "300000000", 300_000L},
            {JsonFieldMapping.DurationUnit.NANOSECONDS, "300000001", 300_001L},
            {JsonFieldMapping.DurationUnit.NANOSECONDS, "3.00000001e8", 300_001L},
        };
        for (Object[] c : cases) {
            JsonFieldMapping m = JsonFieldMapping.builder().time(JsonFieldMapping.TimeKind.EPOCH_MILLIS, "t").method("m")
                    .path("u").status("c").duration((JsonFieldMapping.DurationUnit) c[0], "d").build();
            LineParser p = Parsers.forFormat(LogFormat.JSON, ParserOptions.defaults().withJsonMapping(m));
            assertThat(p.parse(String.format(line, c[1]), r)).as(c[0] + " " + c[1] + ": " + r.reason()).isTrue();
            assertThat(r.latencyUs).as(c[0] + " " + c[1]).isEqualTo(c[2]);
        }
        JsonFieldMapping ms = JsonFieldMapping.builder().time(JsonFieldMapping.TimeKind.EPOCH_MILLIS, "t").method("m")
                .path("u").status("c").duration(JsonFieldMapping.DurationUnit.MILLISECONDS, "d").build();
        LineParser p = Parsers.forFormat(LogFormat.JSON, ParserOptions.defaults().withJsonMapping(ms));
        for (String bad : new String[] {"\"fast\"", "true", "-5", "1e30"}) {
            assertThat(p.parse(String.format(line, bad), r)).as(bad).isFalse();
            assertThat(r.reasonCode()).as(bad).isEqualTo(RejectReason.BAD_LATENCY);
        }
        // Envoy (ms) and CRI-prefixed JSON
        String cri = "2025-01-01T00:00:00.000000000+00:00 stdout F " + String.format(line, "0.0005");
        assertThat(p.parse(cri, r)).as(r.reason()).isTrue();
        assertThat(r.latencyUs).isEqualTo(1);
    }
}
