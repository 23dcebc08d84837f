package dev.sliflow.parse;

import dev.sliflow.parse.DeclaredField.Kind;
import java.util.Set;

/**
 * Reads an nginx {@code log_format} string ({@code $var} and {@code ${var}}) into a {@link DeclaredFormat.Layout}.
 * Knows the variables whose values sliflow reads, the variable families whose values are opaque to it
 * ({@code $http_*}, {@code $sent_http_*}, {@code $upstream_*}, {@code $cookie_*}, {@code $arg_*}) and the
 * other common variables; any other name is an error, since a misspelt variable would misalign the fields.
 */
final class NginxDeclaration {
    private static final Set<String> OPAQUE = Set.of("remote_addr", "remote_user", "remote_port", "realip_remote_addr",
            "binary_remote_addr", "server_addr", "server_port", "server_protocol", "scheme", "https", "connection",
            "connection_requests", "pipe", "bytes_sent", "body_bytes_sent", "request_length", "request_id", "args",
            "query_string", "is_args", "hostname", "pid", "nginx_version", "ssl_protocol", "ssl_cipher",
            "ssl_server_name", "ssl_session_reused", "gzip_ratio", "content_type", "content_length",
            "document_root", "realpath_root", "request_filename", "request_completion", "proxy_protocol_addr",
            "proxy_add_x_forwarded_for",
            // ingress-nginx's own variables, in its default log_format
            "proxy_upstream_name", "proxy_alternative_upstream_name", "req_id");
    private static final String[] OPAQUE_PREFIXES = {"http_", "sent_http_", "sent_trailer_", "upstream_", "cookie_", "arg_"};

    private NginxDeclaration() {}

    static DeclaredFormat.Layout read(String format) {
        DeclaredFormat.Layout layout = new DeclaredFormat.Layout();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '$') {
                layout.literal(c);
                i++;
                continue;
            }
            int start;
            int end;
            int next;
            if (i + 1 < n && format.charAt(i + 1) == '{') {
                start = i + 2;
                end = format.indexOf('}', start);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ${ in the nginx log_format at char " + (i + 1));
                }
                next = end + 1;
            } else {
                start = i + 1;
                end = start;
                while (end < n && isNameChar(format.charAt(end))) {
                    end++;
                }
                next = end;
            }
            if (end == start) {
                layout.literal('$'); // a lone '$' is text for nginx too
                i++;
                continue;
            }
            String name = format.substring(start, end);
            if (name.equals("is_args") || name.equals("args") || name.equals("query_string")) {
                layout.queryField(variable(name));
            } else {
                layout.field(variable(name));
            }
            i = next;
        }
        return layout;
    }

    private static boolean isNameChar(char c) {
        return Chars.isLetter(c) || Chars.isDigit(c) || c == '_';
    }

    /** The field of the variable {@code name} (without {@code $}). */
    static DeclaredField variable(String name) {
        String v = "$" + name;
        switch (name) {
            case "time_local":
                return DeclaredField.of(v, Kind.TIME_CLF, 2).withSpaces(1);
            case "time_iso8601":
                return DeclaredField.of(v, Kind.TIME_ISO, 1);
            case "msec":
                return DeclaredField.of(v, Kind.TIME_EPOCH, 0).withShift(3);
            case "request":
                return DeclaredField.of(v, Kind.REQUEST, 0).withSpaces(2);
            case "request_method":
                return DeclaredField.of(v, Kind.METHOD, 0);
            case "request_uri":
                return DeclaredField.of(v, Kind.URI, 0);
            case "uri":
                return DeclaredField.of(v, Kind.URI, 1);
            case "document_uri":
                return DeclaredField.of(v, Kind.URI, 2);
            case "status":
                return DeclaredField.of(v, Kind.STATUS, 0);
            case "host":
                return DeclaredField.of(v, Kind.HOST, 0);
            case "http_host":
                return DeclaredField.of(v, Kind.HOST, 1);
            case "server_name":
                return DeclaredField.of(v, Kind.HOST, 2);
            case "request_time":
                return DeclaredField.of(v, Kind.LATENCY, 0).withShift(6);
            case "upstream_response_time":
                return DeclaredField.of(v, Kind.LATENCY, 1).withShift(6).asList();
            case "upstream_connect_time":
            case "upstream_header_time":
            case "upstream_queue_time":
                return DeclaredField.of(v, Kind.LATENCY, DeclaredField.EXPLICIT_ONLY).withShift(6).asList();
            default:
                break;
        }
        if (name.startsWith("upstream_")) {
            return DeclaredField.opaque(v).asList(); // $upstream_addr, $upstream_status, ...: lists too
        }
        if (OPAQUE.contains(name)) {
            return DeclaredField.opaque(v);
        }
        for (String p : OPAQUE_PREFIXES) {
            if (name.startsWith(p) && name.length() > p.length()) {
                return DeclaredField.opaque(v);
            }
        }
        throw new IllegalArgumentException("unknown nginx variable " + v);
    }
}
