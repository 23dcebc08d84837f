package dev.sliflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad --format declaration stops `sliflow ingest` with status 2 before any job: nothing is written. */
class DeclaredFormatCliTest {
    @TempDir
    Path tmp;

    private CliRun ingest(String format, String... more) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("a.log"), "10.0.0.1 - - [05/Mar/2024:09:01:38 +0000] \"GET / HTTP/1.1\" 200 1 0.001\n");
        Path journeys = Files.writeString(tmp.resolve("journeys.yaml"),
                "journeys:\n  - name: home\n    match: {method: GET, path: \"/\"}\n");
        String[] args = {"ingest", "--logs", logs.toString(), "--journeys", journeys.toString(), "--out",
            tmp.resolve("out").toString(), "--format", format, "--quiet"};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void aJsonMappingWithoutTheLatencysUnitIsAUsageError() throws Exception {
        CliRun r = ingest("json:time=ts,method=m,path=p,status=s,latency=d");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("sliflow: error: --format: json: latency=d needs its unit");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void anUnknownVariableIsAUsageError() throws Exception {
        CliRun r = ingest("nginx:$remote_addr [$time_local] \"$request\" $status $request_tme");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("sliflow: error: --format: unknown nginx variable $request_tme");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void missingFieldsAndInseparableVariablesAreUsageErrors() throws Exception {
        assertThat(ingest("apache:%h %t \"%r\" %D").err()).contains("--format: the declared format has no status");
        assertThat(ingest("apache:%h \"%r\" %>s %D").err()).contains("has no time");
        assertThat(ingest("nginx:[$time_local] $status").err()).contains("has no request");
        CliRun adjacent = ingest("nginx:[$time_local] \"$request\" $status$body_bytes_sent");
        assertThat(adjacent.rc()).isEqualTo(2);
        assertThat(adjacent.err()).contains("$status and $body_bytes_sent are adjacent");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void theLatencyFieldMustBeADeclaredTimeSpan() throws Exception {
        CliRun r = ingest("nginx:[$time_local] \"$request\" $status $request_length", "--latency-field", "$request_length");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("--latency-field $request_length is not a time span");
        CliRun named = ingest("nginx", "--latency-field", "$request_time");
        assertThat(named.rc()).isEqualTo(2);
        assertThat(named.err()).contains("--latency-field needs a declared --format");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void helpDocumentsDeclarationsAndTheirLatency() {
        CliRun r = CliRun.of("ingest", "--help");
        // without white space: picocli wraps long lines wherever it likes (also inside "%{ms}T")
        String help = r.out().replaceAll("\\s+", "");
        assertThat(help).contains("'nginx:<log_format string>' ($var, ${var}) or 'apache:<LogFormat string>' (%h, %{...}i"
                        .replaceAll("\\s+", ""))
                .contains(("nginx $request_time, else $upstream_response_time (the sum of its tries); Apache %D, else %{us}T,"
                        + " %{ms}T, %T; else none.").replaceAll("\\s+", ""))
                .contains("--latency-field=VAR");
        assertThat(r.err()).doesNotContain("WARN");
    }

    @Test
    void theRunSaysWhichFieldIsTheLatency() throws Exception {
        CliRun r = ingest("nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " $upstream_response_time");
        assertThat(r.rc()).isZero();
        assertThat(r.err()).contains("sliflow ingest: declared nginx format, latency from $upstream_response_time");
        CliRun none = ingest("apache:%h %l %u %t \"%r\" %>s %b");
        assertThat(none.err()).contains("declared apache format, latency none (no time span declared)");
    }
}
