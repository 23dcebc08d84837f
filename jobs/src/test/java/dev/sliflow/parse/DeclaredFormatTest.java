package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compiler of declared formats: what it accepts, which variable is the latency, and its errors. */
class DeclaredFormatTest {
    static final List<String> NGINX_VARIABLES = List.of("$remote_addr", "$remote_user", "$time_local", "$time_iso8601",
            "$msec", "$request", "$request_method", "$request_uri", "$uri", "$args", "$status", "$body_bytes_sent",
            "$bytes_sent", "$request_length", "$request_time", "$upstream_response_time", "$upstream_connect_time",
            "$upstream_header_time", "$http_referer", "$http_user_agent", "$http_x_forwarded_for", "$host",
            "$server_name", "$server_port", "$scheme", "$connection", "$pipe", "$http_x_request_id",
            "$sent_http_content_type", "$upstream_addr", "$upstream_status", "$cookie_session", "${request_id}");
    static final List<String> APACHE_DIRECTIVES = List.of("%h", "%a", "%l", "%u", "%t", "%{%d/%b/%Y:%H:%M:%S %z}t",
            "%{begin:msec}t", "%r", "%m", "%U", "%q", "%H", "%>s", "%s", "%<s", "%b", "%B", "%D", "%T", "%{ms}T",
            "%{us}T", "%{s}T", "%v", "%V", "%p", "%{remote}p", "%I", "%O", "%X", "%k", "%{Referer}i", "%{Content-Type}o",
            "%{UNIQUE_ID}e", "%400,501{User-agent}i", "%!200{Referer}i", "%{c}a");

    @Test
    void everyListedNginxVariableIsAccepted() {
        DeclaredFormat f = DeclaredFormat.parse("nginx:" + String.join(" | ", NGINX_VARIABLES), null);
        assertThat(f.server()).isEqualTo(DeclaredFormat.Server.NGINX);
        assertThat(f.fields).extracting(DeclaredField::name)
                .containsExactlyElementsOf(NGINX_VARIABLES.stream().map(v -> v.replace("{", "").replace("}", "")).toList());
        assertThat(f.latencyField()).isEqualTo("$request_time");
    }

    @Test
    void everyListedApacheDirectiveIsAccepted() {
        DeclaredFormat f = DeclaredFormat.parse("apache:" + String.join(" | ", APACHE_DIRECTIVES), null);
        assertThat(f.server()).isEqualTo(DeclaredFormat.Server.APACHE);
        assertThat(f.fields).extracting(DeclaredField::name).containsExactlyElementsOf(APACHE_DIRECTIVES);
        assertThat(f.latencyField()).isEqualTo("%D");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "nginx:[$time_local] \"$request\" $status $request_length $request_time $upstream_response_time; $request_time",
        "nginx:[$time_local] \"$request\" $status $request_length $upstream_response_time $upstream_connect_time; $upstream_response_time",
        "nginx:[$time_local] \"$request\" $status $request_length $upstream_connect_time; ",
        "apache:%t \"%r\" %>s %{ms}T %T %D %{us}T; %D",
        "apache:%t \"%r\" %>s %T %{ms}T %{us}T; %{us}T",
        "apache:%t \"%r\" %>s %T %{ms}T; %{ms}T",
        "apache:%t \"%r\" %>s %{s}T; %{s}T",
        "apache:%t \"%r\" %>s %T; %T",
        "apache:%t \"%r\" %>s %b %I %O; ",
    })
    void theDefaultLatencyIsExplicitAndNeverAnotherNumber(String declaration, String latency) {
        assertThat(DeclaredFormat.parse(declaration, null).latencyField()).isEqualTo(latency);
    }

    @Test
    void latencyFieldChoosesAnyDeclaredTimeSpan() {
        String d = "nginx:[$time_local] \"$request\" $status $request_time $upstream_response_time $upstream_header_time";
        assertThat(DeclaredFormat.parse(d, "$upstream_response_time").latencyField()).isEqualTo("$upstream_response_time");
        assertThat(DeclaredFormat.parse(d, "upstream_header_time").latencyField()).isEqualTo("$upstream_header_time");
        assertThat(DeclaredFormat.parse(d, "${upstream_header_time}").latencyField()).isEqualTo("$upstream_header_time");
        assertThat(DeclaredFormat.parse("apache:%t \"%r\" %>s %D %{ms}T", "%{ms}T").latencyField()).isEqualTo("%{ms}T");
    }

    @Test
    void theCombinedLayoutsKeepTheirBuiltInParsers() {
        String nginx = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_referer\" \"$http_user_agent\" $request_time";
        String apache = "apache:%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D";
        assertThat(parser(nginx, null)).isInstanceOf(NginxParser.class);
        assertThat(parser(apache, null)).isInstanceOf(ApacheParser.class);
        assertThat(parser(nginx, "$request_time")).isInstanceOf(DeclaredParser.class); // chosen explicitly: read as declared
        assertThat(parser(nginx + " $upstream_response_time", null)).isInstanceOf(DeclaredParser.class);
    }

    @Test
    void nginxConfigQuotesArePasted() {
        DeclaredFormat f = DeclaredFormat.parse("nginx:'$remote_addr - [$time_local] '\n    '\"$request\" $status $request_time';", null);
        assertThat(f.layout()).isEqualTo("$remote_addr - [$time_local] \"$request\" $status $request_time");
        DeclaredFormat a = DeclaredFormat.parse("apache:\"%h %t \\\"%r\\\" %>s %D\"", null);
        assertThat(a.layout()).isEqualTo("%h %t \"%r\" %>s %D");
    }

    @Test
    void quotesThatBelongToTheLayoutAreKept() {
        assertThat(DeclaredFormat.parse("nginx:\"$request\" $status [$time_local] \"$http_user_agent\"", null).layout())
                .isEqualTo("\"$request\" $status [$time_local] \"$http_user_agent\"");
        assertThat(DeclaredFormat.parse("nginx:'$msec' \"$request\" $status", null).layout())
                .isEqualTo("'$msec' \"$request\" $status");
        assertThat(DeclaredFormat.parse("apache:\"%r\" %>s %t \"%{User-Agent}i\"", null).layout())
                .isEqualTo("\"%r\" %>s %t \"%{User-Agent}i\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "nginx:$remote_addr [$time_local] \"$request\" $status $bogus; unknown nginx variable $bogus",
        "nginx:$remote_addr \"$request\" $status $request_time; has no time: declare $time_local, $time_iso8601 or $msec",
        "nginx:[$time_local] $status $request_time; has no request: declare $request, or $request_method and $request_uri",
        "nginx:[$time_local] $request_method $status; has no request",
        "nginx:[$time_local] \"$request\" $body_bytes_sent; has no status: declare $status",
        "nginx:[$time_local] \"$request\" $status$request_time; $status and $request_time are adjacent with no text between them",
        "nginx:[$time_local] \"$request\" ${status; unterminated ${",
        "nginx:   ; is empty",
        "apache:%h %t \"%r\" %>s %Z; unknown Apache LogFormat directive %Z",
        "apache:%h %t \"%r\" %>s %i; %i needs an argument",
        "apache:%h %t \"%r\" %>s %{min}T; the unit of %{UNIT}T is s, ms or us",
        "apache:%h %{%H:%M:%S}t \"%r\" %>s; %Y is missing",
        "apache:%h %{%Y-%m-%d %H:%M:%S %Z}t \"%r\" %>s; strftime %Z is not supported",
        "apache:%h \"%r\" %>s %D; has no time: declare %t or %{format}t",
        "apache:%h %t %>s %D; has no request: declare %r, or %m and %U",
        "apache:%h %t \"%r\" %b; has no status",
        "apache:%h %t \"%r\" %>s %D%b; %D and %b are adjacent",
        "apache:%h %t \"%r\" %>s %{Referer; unterminated %{",
        "haproxy:%ci; a declared format starts with nginx: or apache:",
    })
    void badDeclarationsNameTheProblem(String declaration, String message) {
        assertThatThrownBy(() -> DeclaredFormat.parse(declaration, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aLatencyFieldMustBeADeclaredTimeSpan() {
        String d = "nginx:[$time_local] \"$request\" $status $request_length $request_time";
        assertThatThrownBy(() -> DeclaredFormat.parse(d, "$request_length")).hasMessageContaining(
                "--latency-field $request_length is not a time span (the declared format's time spans: $request_time)");
        assertThatThrownBy(() -> DeclaredFormat.parse(d, "$upstream_response_time")).hasMessageContaining(
                "--latency-field $upstream_response_time is not a variable of the declared format");
        assertThatThrownBy(() -> DeclaredFormat.parse("apache:%t \"%r\" %>s %b", "%b"))
                .hasMessageContaining("time spans: none");
    }

    @Test
    void onlyServerPrefixesAreDeclarations() {
        assertThat(DeclaredFormat.isDeclaration("nginx:$status")).isTrue();
        assertThat(DeclaredFormat.isDeclaration("Apache: %h")).isTrue();
        assertThat(DeclaredFormat.isDeclaration("nginx")).isFalse();
        assertThat(DeclaredFormat.isDeclaration("json")).isFalse();
        assertThatThrownBy(() -> LogFormat.parse("declared")).hasMessageContaining("'nginx:<log_format>'");
    }

    static LineParser parser(String declaration, String latencyField) {
        return Parsers.forFormat(LogFormat.DECLARED,
                ParserOptions.defaults().withDeclared(DeclaredFormat.parse(declaration, latencyField)));
    }
}
