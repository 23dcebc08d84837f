package dev.sliflow.parse;

import java.io.Serializable;

/**
 * One variable of a declared log format ({@code $request_time}, {@code %D}, ...): what sliflow reads from
 * it and how far its value extends on a line. Variables that sliflow does not read are {@link Kind#OPAQUE}:
 * they are only matched, so that the fields after them line up.
 *
 * @param name the variable as declared (e.g. {@code $upstream_response_time}, {@code %{ms}T})
 * @param kind what the value is
 * @param rank among variables of the same role, lower is preferred (e.g. {@code $host} over
 *     {@code $server_name}); {@link #EXPLICIT_ONLY} for a latency taken only when chosen explicitly
 * @param spaces how many spaces an unquoted value always holds ({@code $time_local}: 1, {@code $request}: 2)
 * @param list an nginx upstream list ({@code 0.012, 0.004 : 0.100}), whose separators hold spaces
 * @param bracketed the value carries its own {@code [...]} (Apache {@code %t}), so it ends at its {@code ]}
 * @param shift the power of ten from the value's unit to the kind's unit: microseconds for a latency
 *     (seconds: 6, ms: 3, µs: 0), milliseconds for an epoch time (seconds: 3, ms: 0, µs: -3)
 * @param timePattern a {@link java.time.format.DateTimeFormatter} pattern for {@link Kind#TIME_PATTERN}
 */
record DeclaredField(String name, Kind kind, int rank, int spaces, boolean list, boolean bracketed, int shift,
        String timePattern) implements Serializable {

    /** {@link #rank} of a latency that only {@code --latency-field} selects. */
    static final int EXPLICIT_ONLY = Integer.MAX_VALUE;

    /** What a variable's value is. */
    enum Kind {
        OPAQUE(null),
        /** {@code dd/MMM/yyyy:HH:mm:ss ±hhmm}. */
        TIME_CLF(Role.TIME),
        /** ISO 8601 with a zone. */
        TIME_ISO(Role.TIME),
        /** Seconds, milliseconds or microseconds since the epoch (see {@link #shift}). */
        TIME_EPOCH(Role.TIME),
        /** Apache {@code %{strftime}t}, converted to {@link #timePattern}. */
        TIME_PATTERN(Role.TIME),
        /** {@code METHOD TARGET PROTOCOL}. */
        REQUEST(Role.REQUEST),
        METHOD(Role.METHOD),
        /** The request target: path, possibly with a query string or as an absolute URL. */
        URI(Role.PATH),
        STATUS(Role.STATUS),
        HOST(Role.HOST),
        /** A time span (see {@link #shift}); upstream lists are summed. */
        LATENCY(Role.LATENCY);

        final Role role;

        Kind(Role role) {
            this.role = role;
        }
    }

    /** The request fields a declaration supplies; at most one variable serves each. */
    enum Role {
        TIME, REQUEST, METHOD, PATH, STATUS, HOST, LATENCY
    }

    static DeclaredField opaque(String name) {
        return new DeclaredField(name, Kind.OPAQUE, 0, 0, false, false, 0, null);
    }

    static DeclaredField of(String name, Kind kind, int rank) {
        return new DeclaredField(name, kind, rank, 0, false, false, 0, null);
    }

    DeclaredField withSpaces(int n) {
        return new DeclaredField(name, kind, rank, n, list, bracketed, shift, timePattern);
    }

    DeclaredField asList() {
        return new DeclaredField(name, kind, rank, spaces, true, bracketed, shift, timePattern);
    }

    DeclaredField asBracketed() {
        return new DeclaredField(name, kind, rank, spaces, list, true, shift, timePattern);
    }

    DeclaredField withShift(int s) {
        return new DeclaredField(name, kind, rank, spaces, list, bracketed, s, timePattern);
    }

    DeclaredField withTimePattern(String p) {
        return new DeclaredField(name, kind, rank, spaces, list, bracketed, shift, p);
    }
}
