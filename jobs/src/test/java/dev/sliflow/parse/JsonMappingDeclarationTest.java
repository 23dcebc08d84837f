package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --format 'json:...'}: a user's JSON keys mapped to the fields sliflow reads, the latency's unit declared. */
class JsonMappingDeclarationTest {
    @Test
    void aDeclaredMappingReadsTheUsersKeys() {
        JsonFieldMapping m = JsonFieldMapping.declared("time=ts:epoch_ms, method=r.m, path=r.uri|r.path, status=st,"
                + " latency=dur:us, host=r.h, origin=svc");
        assertThat(m.timeKind()).isEqualTo(JsonFieldMapping.TimeKind.EPOCH_MILLIS);
        assertThat(m.pathPaths()).containsExactly("r.uri", "r.path");
        assertThat(m.durationUnit()).isEqualTo(JsonFieldMapping.DurationUnit.MICROSECONDS);
        LineParser p = new JsonLineParser(m, 65536);
        ParseResult r = new ParseResult();
        assertThat(p.parse("{\"ts\":1772405000123,\"r\":{\"m\":\"POST\",\"path\":\"/api/v1/checkout?x=1\",\"h\":\"shop\"},"
                + "\"st\":503,\"dur\":250001,\"svc\":\"api\"}", r)).as(r.reason()).isTrue();
        assertThat(r.method).isEqualTo("POST");
        assertThat(r.path).isEqualTo("/api/v1/checkout");
        assertThat(r.status).isEqualTo(503);
        assertThat(r.latencyUs).isEqualTo(250_001);
        assertThat(r.host).isEqualTo("shop");
        assertThat(r.epochMillis).isEqualTo(1772405000123L);
        // ISO time by default; no latency key: no request has one
        JsonFieldMapping noLatency = JsonFieldMapping.declared("time=t,method=m,path=p,status=s");
        assertThat(new JsonLineParser(noLatency, 65536).parse("{\"t\":\"2026-03-01T22:43:20Z\",\"m\":\"GET\",\"p\":\"/\","
                + "\"s\":200,\"d\":5}", r)).as(r.reason()).isTrue();
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2026-03-01T22:43:20Z").toEpochMilli());
        assertThat(r.latencyUs).isEqualTo(ParseResult.NO_LATENCY);
    }

    /**
     * Fastly's JSON log streaming, as its documentation's recommended format writes it (strftime %z offsets, the URL
     * with its query, a status number) plus the time span users add ({@code "time_elapsed":%{time.elapsed.usec}V}):
     * Fastly defines no duration of its own, so the mapping is declared, never preset with a guessed key.
     */
    @Test
    void fastlyStyleJsonWithADeclaredMapping() {
        LineParser p = new JsonLineParser(JsonFieldMapping.declared("time=timestamp:iso8601,method=request_method,path=url,"
                + "status=response_status,latency=time_elapsed:us,host=host"), 65536);
        ParseResult r = new ParseResult();
        assertThat(p.parse("{\"timestamp\":\"2026-03-01T10:00:00+0000\",\"client_ip\":\"203.0.113.9\",\"geo_country\":\"Germany\","
                + "\"host\":\"shop.example.com\",\"url\":\"/api/v1/search?q=shoes\",\"request_method\":\"GET\","
                + "\"request_protocol\":\"HTTP/2\",\"request_user_agent\":\"curl/8\",\"response_state\":\"MISS\","
                + "\"response_status\":200,\"response_reason\":null,\"response_body_size\":5120,\"fastly_server\":\"cache-fra1\","
                + "\"fastly_is_edge\":true,\"time_elapsed\":84211}", r)).as(r.reason()).isTrue();
        assertThat(r.epochMillis).isEqualTo(java.time.Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
        assertThat(r.method).isEqualTo("GET");
        assertThat(r.path).isEqualTo("/api/v1/search");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.latencyUs).isEqualTo(84_211);
        assertThat(r.host).isEqualTo("shop.example.com");
    }

    @Test
    void aBadDeclarationNamesItsFault() {
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t,method=m,path=p,status=s,latency=d"))
                .hasMessageContaining("latency=d needs its unit").hasMessageContaining("does not guess");
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t,method=m,path=p,status=s,latency=d:minutes"))
                .hasMessageContaining("latency unit 'minutes'");
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t,method=m,path=p")).hasMessageContaining("status=PATH is missing");
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t,method=m,status=s")).hasMessageContaining("path=PATH is missing");
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t:rfc,method=m,path=p,status=s"))
                .hasMessageContaining("time format 'rfc'");
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t,method=m,path=p,status=s,colour=c"))
                .hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t,method=m,method=n,path=p,status=s"))
                .hasMessageContaining("method is given twice");
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t,method=m,path=a b,status=s"))
                .hasMessageContaining("'a b' is not a key path");
        assertThatThrownBy(() -> JsonFieldMapping.declared("time=t,method")).hasMessageContaining("'method' is not KEY=VALUE");
    }
}
