package dev.sliflow.parse;

import java.util.Locale;

/** The access-log formats sliflow reads. */
public enum LogFormat {
    /** nginx combined + {@code $request_time} [+ {@code $upstream_response_time}], seconds. */
    NGINX,
    /** Apache combined + {@code %D}, microseconds. */
    APACHE,
    /** AWS Application Load Balancer access log, seconds (-1 = not dispatched). */
    ALB,
    /** Envoy default text access log, {@code %DURATION%} milliseconds. */
    ENVOY,
    /** HAProxy HTTP log, {@code Tt} milliseconds. */
    HAPROXY,
    /** Traefik's default (CLF) access log: combined + request counter, router, backend URL, duration {@code Nms}. */
    TRAEFIK,
    /**
     * W3C extended ({@code #Fields:} directive): IIS ({@code time-taken} ms), CloudFront standard logs
     * ({@code time-taken} seconds).
     */
    W3C,
    /** JSON lines with a field mapping (Caddy, Traefik, Envoy JSON presets). */
    JSON,
    /**
     * A layout declared as the server's configuration writes it ({@code nginx:<log_format>},
     * {@code apache:<LogFormat>}); the declaration travels in {@link ParserOptions#declared()}.
     */
    DECLARED,
    /** Detect per file from its first lines. */
    AUTO;

    /** A format by name; {@link #DECLARED} is no name (a declaration is {@code nginx:...} or {@code apache:...}). */
    public static LogFormat parse(String s) {
        try {
            LogFormat f = valueOf(s.trim().toUpperCase(Locale.ROOT));
            if (f != DECLARED) {
                return f;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("unknown log format '" + s + "' (expected auto, nginx, apache, alb, envoy, traefik,"
                + " haproxy, w3c, json, or a declared layout 'nginx:<log_format>' or 'apache:<LogFormat>')");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
