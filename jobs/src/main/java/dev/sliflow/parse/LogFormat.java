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
    /** JSON lines with a field mapping (Caddy, Traefik, Envoy JSON presets). */
    JSON,
    /** Detect per file from its first lines. */
    AUTO;

    public static LogFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown log format '" + s + "' (expected auto, nginx, apache, alb, envoy, haproxy, traefik or json)");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
