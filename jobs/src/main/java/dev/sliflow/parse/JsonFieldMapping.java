package dev.sliflow.parse;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a JSON access-log line keeps its fields. Each field is a list of dotted paths (e.g.
 * {@code request.method}); the first path present on a line wins. Paths (or URIs) are normalised
 * like every other format (query string stripped, absolute URLs split into host and path).
 * Time values that are JSON strings are read as ISO-8601; numeric ones per {@link TimeKind}.
 *
 * <p>Presets: {@link #caddy()}, {@link #traefik()}, {@link #envoyJson()}, and {@link #auto()}, which
 * picks one of them per line from the keys it contains. Build others with {@link #builder()}.
 */
public final class JsonFieldMapping implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a numeric time value is read. */
    public enum TimeKind {
        /** Seconds since the epoch, possibly fractional (Caddy {@code ts}). */
        EPOCH_SECONDS,
        /** Milliseconds since the epoch. */
        EPOCH_MILLIS,
        /** An ISO-8601 string (numbers are then read as epoch seconds). */
        ISO_8601
    }

    /** The unit of the duration value. */
    public enum DurationUnit {
        SECONDS(6),
        MILLISECONDS(3),
        MICROSECONDS(0),
        NANOSECONDS(-3);

        private final int microsShift;

        DurationUnit(int microsShift) {
            this.microsShift = microsShift;
        }

        /** The power of ten that turns a value in this unit into microseconds (ns: -3). */
        public int microsShift() {
            return microsShift;
        }

        /** Parses s, ms, us or ns. */
        public static DurationUnit parse(String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "s":
                    return SECONDS;
                case "ms":
                    return MILLISECONDS;
                case "us":
                    return MICROSECONDS;
                case "ns":
                    return NANOSECONDS;
                default:
                    throw new IllegalArgumentException("unknown duration unit '" + s + "' (s, ms, us or ns)");
            }
        }
    }

    private final String name;
    private final boolean auto;
    final List<String> time;
    final TimeKind timeKind;
    final List<String> method;
    final List<String> path;
    final List<String> status;
    final List<String> duration;
    final DurationUnit durationUnit;
    final List<String> host;
    final List<String> origin;

    private JsonFieldMapping(Builder b, String name, boolean auto) {
        this.name = name;
        this.auto = auto;
        this.time = List.copyOf(b.time);
        this.timeKind = b.timeKind;
        this.method = List.copyOf(b.method);
        this.path = List.copyOf(b.path);
        this.status = List.copyOf(b.status);
        this.duration = List.copyOf(b.duration);
        this.durationUnit = b.durationUnit;
        this.host = List.copyOf(b.host);
        this.origin = List.copyOf(b.origin);
    }

    /** Caddy: ts (epoch seconds), request.method, request.uri, status, duration (s), request.host. */
    public static JsonFieldMapping caddy() {
        return builder().time(TimeKind.EPOCH_SECONDS, "ts").method("request.method").path("request.uri")
                .status("status").duration(DurationUnit.SECONDS, "duration").host("request.host")
                .build("caddy");
    }

    /**
     * Traefik: StartUTC or time (ISO), RequestMethod, RequestPath, DownstreamStatus, Duration
     * (nanoseconds), RequestHost; origin = ServiceName.
     */
    public static JsonFieldMapping traefik() {
        return builder().time(TimeKind.ISO_8601, "StartUTC", "time", "StartLocal").method("RequestMethod")
                .path("RequestPath").status("DownstreamStatus").duration(DurationUnit.NANOSECONDS, "Duration")
                .host("RequestHost").origin("ServiceName").build("traefik");
    }

    /**
     * Envoy JSON: start_time (ISO), method, x-envoy-origin-path or path, response_code, duration (ms),
     * :authority; origin = upstream_cluster.
     */
    public static JsonFieldMapping envoyJson() {
        return builder().time(TimeKind.ISO_8601, "start_time").method("method")
                .path("x-envoy-origin-path", "path", "x-envoy-original-path").status("response_code")
                .duration(DurationUnit.MILLISECONDS, "duration").host(":authority", "authority")
                .origin("upstream_cluster").build("envoy-json");
    }

    /** Picks {@link #traefik()}, {@link #envoyJson()} or {@link #caddy()} per line from its keys. */
    public static JsonFieldMapping auto() {
        return new JsonFieldMapping(new Builder(), "auto", true);
    }

    /** A preset by name: caddy, traefik, envoy-json or auto. */
    public static JsonFieldMapping preset(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "caddy":
                return caddy();
            case "traefik":
                return traefik();
            case "envoy-json":
            case "envoy":
                return envoyJson();
            case "auto":
                return auto();
            default:
                throw new IllegalArgumentException("unknown JSON preset '" + name + "' (caddy, traefik, envoy-json, auto)");
        }
    }

    /**
     * A mapping declared as {@code --format 'json:KEY=VALUE,...'}: {@code time=PATH[:iso8601|epoch_s|epoch_ms]}
     * (default iso8601), {@code method=PATH}, {@code path=PATH} (a path or URI; the query is dropped),
     * {@code status=PATH}, {@code latency=PATH:UNIT} (s, ms, us or ns: the unit is required, never guessed),
     * {@code host=PATH}, {@code origin=PATH}; a PATH is a dotted key path ({@code request.uri}), alternatives
     * separated by {@code |}. time, method, path and status are required; without latency no request has one.
     *
     * @throws IllegalArgumentException naming the key at fault
     */
    public static JsonFieldMapping declared(String spec) {
        Builder b = builder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String part : spec.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("json: '" + part.trim() + "' is not KEY=VALUE (keys: time, method, path,"
                        + " status, latency, host, origin)");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("json: " + key + " is given twice");
            }
            String unit = null;
            int colon = value.lastIndexOf(':');
            if (colon >= 0 && (key.equals("time") || key.equals("latency"))) {
                unit = value.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                value = value.substring(0, colon).trim();
            }
            String[] paths = value.split("\\|");
            for (String path : paths) {
                if (!path.matches("[A-Za-z0-9_@$:\\-]+(\\.[A-Za-z0-9_@$:\\-]+)*")) {
                    throw new IllegalArgumentException("json: " + key + "=" + value + ": '" + path + "' is not a key path"
                            + " (keys separated by dots, alternatives by |)");
                }
            }
            switch (key) {
                case "time" -> b.time(timeKind(unit), paths);
                case "method" -> b.method(paths);
                case "path", "url", "uri" -> b.path(paths);
                case "status" -> b.status(paths);
                case "latency", "duration" -> {
                    if (unit == null) {
                        throw new IllegalArgumentException("json: latency=" + value + " needs its unit, e.g. latency="
                                + value + ":ms (s, ms, us or ns): sliflow does not guess it");
                    }
                    try {
                        b.duration(DurationUnit.parse(unit), paths);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("json: latency unit '" + unit + "': expected s, ms, us or ns", e);
                    }
                }
                case "host" -> b.host(paths);
                case "origin" -> b.origin(paths);
                default -> throw new IllegalArgumentException("json: unknown key '" + key + "' (keys: time, method, path,"
                        + " status, latency, host, origin)");
            }
        }
        for (String required : List.of("time", "method", "status")) {
            if (!seen.contains(required)) {
                throw new IllegalArgumentException("json: " + required + "=PATH is missing (time, method, path and status"
                        + " are required)");
            }
        }
        if (!seen.contains("path") && !seen.contains("url") && !seen.contains("uri")) {
            throw new IllegalArgumentException("json: path=PATH is missing (time, method, path and status are required)");
        }
        return b.build("declared");
    }

    private static TimeKind timeKind(String kind) {
        if (kind == null || kind.equals("iso8601")) {
            return TimeKind.ISO_8601;
        }
        return switch (kind) {
            case "epoch_s" -> TimeKind.EPOCH_SECONDS;
            case "epoch_ms" -> TimeKind.EPOCH_MILLIS;
            default -> throw new IllegalArgumentException("json: time format '" + kind + "': expected iso8601, epoch_s or"
                    + " epoch_ms");
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return name;
    }

    public boolean isAuto() {
        return auto;
    }

    public List<String> timePaths() {
        return time;
    }

    public TimeKind timeKind() {
        return timeKind;
    }

    public List<String> methodPaths() {
        return method;
    }

    public List<String> pathPaths() {
        return path;
    }

    public List<String> statusPaths() {
        return status;
    }

    public List<String> durationPaths() {
        return duration;
    }

    public DurationUnit durationUnit() {
        return durationUnit;
    }

    public List<String> hostPaths() {
        return host;
    }

    public List<String> originPaths() {
        return origin;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JsonFieldMapping)) {
            return false;
        }
        JsonFieldMapping m = (JsonFieldMapping) o;
        return auto == m.auto && time.equals(m.time) && timeKind == m.timeKind && method.equals(m.method)
                && path.equals(m.path) && status.equals(m.status) && duration.equals(m.duration)
                && durationUnit == m.durationUnit && host.equals(m.host) && origin.equals(m.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(auto, time, timeKind, method, path, status, duration, durationUnit, host, origin);
    }

    @Override
    public String toString() {
        return auto ? "JsonFieldMapping[auto]" : "JsonFieldMapping[" + name + ": time=" + time + " (" + timeKind
                + "), method=" + method + ", path=" + path + ", status=" + status + ", duration=" + duration
                + " (" + durationUnit + "), host=" + host + ", origin=" + origin + "]";
    }

    /** Builds a custom mapping; method, path, status and time are required. */
    public static final class Builder {
        private List<String> time = List.of();
        private TimeKind timeKind = TimeKind.ISO_8601;
        private List<String> method = List.of();
        private List<String> path = List.of();
        private List<String> status = List.of();
        private List<String> duration = List.of();
        private DurationUnit durationUnit = DurationUnit.MILLISECONDS;
        private List<String> host = List.of();
        private List<String> origin = List.of();

        private Builder() {}

        public Builder time(TimeKind kind, String... paths) {
            this.timeKind = Objects.requireNonNull(kind);
            this.time = Arrays.asList(paths);
            return this;
        }

        public Builder method(String... paths) {
            this.method = Arrays.asList(paths);
            return this;
        }

        /** The request path or URI (query strings are stripped). */
        public Builder path(String... paths) {
            this.path = Arrays.asList(paths);
            return this;
        }

        public Builder status(String... paths) {
            this.status = Arrays.asList(paths);
            return this;
        }

        public Builder duration(DurationUnit unit, String... paths) {
            this.durationUnit = Objects.requireNonNull(unit);
            this.duration = Arrays.asList(paths);
            return this;
        }

        public Builder host(String... paths) {
            this.host = Arrays.asList(paths);
            return this;
        }

        public Builder origin(String... paths) {
            this.origin = Arrays.asList(paths);
            return this;
        }

        public JsonFieldMapping build() {
            return build("custom");
        }

        JsonFieldMapping build(String name) {
            if (time.isEmpty() || method.isEmpty() || path.isEmpty() || status.isEmpty()) {
                throw new IllegalArgumentException("a JSON mapping needs time, method, path and status paths");
            }
            return new JsonFieldMapping(this, name, false);
        }
    }
}
