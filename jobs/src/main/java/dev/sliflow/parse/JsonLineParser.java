package dev.sliflow.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-lines access logs (Caddy, Traefik, Envoy JSON or a custom {@link JsonFieldMapping}), read with
 * Jackson's streaming parser: only mapped objects are descended into, everything else is skipped.
 * A Kubernetes CRI prefix before the JSON object is accepted.
 */
public final class JsonLineParser extends AbstractLineParser {
    private static final long serialVersionUID = 1L;

    private static final int TIME = 0;
    private static final int METHOD = 1;
    private static final int PATH = 2;
    private static final int STATUS = 3;
    private static final int DURATION = 4;
    private static final int HOST = 5;
    private static final int ORIGIN = 6;
    private static final int SLOTS = 7;

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonFieldMapping mapping;
    private final Compiled single;
    private final Compiled caddy;
    private final Compiled traefik;
    private final Compiled envoy;

    public JsonLineParser(JsonFieldMapping mapping) {
        this(mapping, DEFAULT_MAX_LINE_LENGTH);
    }

    public JsonLineParser(JsonFieldMapping mapping, int maxLineLength) {
        super(maxLineLength);
        this.mapping = mapping == null ? JsonFieldMapping.auto() : mapping;
        if (this.mapping.isAuto()) {
            single = null;
            caddy = new Compiled(JsonFieldMapping.caddy());
            traefik = new Compiled(JsonFieldMapping.traefik());
            envoy = new Compiled(JsonFieldMapping.envoyJson());
        } else {
            single = new Compiled(this.mapping);
            caddy = traefik = envoy = null;
        }
    }

    public JsonFieldMapping mapping() {
        return mapping;
    }

    @Override
    public LogFormat format() {
        return LogFormat.JSON;
    }

    @Override
    protected boolean parse(String s, int from, int to, ParseResult out) {
        int p = from; // container wrappers are unwrapped before (AbstractLineParser)
        if (s.charAt(p) != '{') {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "not a JSON object");
        }
        Compiled c = single != null ? single : pick(s, p, to);
        String json = p == 0 && to == s.length() ? s : s.substring(p, to);
        Values v = new Values();
        try (JsonParser jp = FACTORY.createParser(json)) {
            if (jp.nextToken() != JsonToken.START_OBJECT) {
                return out.reject(RejectReason.BAD_JSON, "not a JSON object");
            }
            readObject(jp, c.root, v, c.timeKind);
        } catch (IOException e) {
            return out.reject(RejectReason.BAD_JSON, "invalid JSON");
        }
        if (!toResult(v, c.durationUnit, out)) {
            if (v.text[METHOD] == null && v.text[PATH] == null && serverMessage(json)) {
                // a server's own log line (Caddy's runtime logs, Traefik's): no request, counted apart from rejects
                return out.notAccess(ServerMessages.SERVER_MESSAGE);
            }
            return false;
        }
        return true;
    }

    /** A structured log line of the server itself: a level and a message, no request. */
    private static boolean serverMessage(String json) {
        return json.contains("\"level\":") && (json.contains("\"msg\":") || json.contains("\"message\":"))
                && !json.contains("\"request\":");
    }

    private Compiled pick(String s, int from, int to) {
        if (s.indexOf("\"DownstreamStatus\"", from) >= 0) {
            return traefik;
        }
        if (s.indexOf("\"response_code\"", from) >= 0) {
            return envoy;
        }
        return caddy;
    }

    private static void readObject(JsonParser jp, Node node, Values v, JsonFieldMapping.TimeKind timeKind)
            throws IOException {
        while (true) {
            JsonToken t = jp.nextToken();
            if (t == null || t == JsonToken.END_OBJECT) {
                return;
            }
            // t is FIELD_NAME
            Node child = node.children == null ? null : node.children.get(jp.currentName());
            JsonToken vt = jp.nextToken();
            if (vt == null) {
                return;
            }
            if (vt == JsonToken.START_OBJECT) {
                if (child != null && child.children != null) {
                    readObject(jp, child, v, timeKind);
                } else {
                    jp.skipChildren();
                }
            } else if (vt == JsonToken.START_ARRAY) {
                jp.skipChildren();
            } else if (child != null && child.slot >= 0 && child.priority < v.priority[child.slot]) {
                capture(jp, vt, child, v, timeKind);
            }
        }
    }

    private static void capture(JsonParser jp, JsonToken vt, Node n, Values v, JsonFieldMapping.TimeKind kind)
            throws IOException {
        int slot = n.slot;
        if (vt == JsonToken.VALUE_NULL) {
            return;
        }
        switch (slot) {
            case TIME:
                long t;
                if (vt == JsonToken.VALUE_STRING) {
                    String txt = jp.getText();
                    t = Timestamps.parseIso(txt);
                } else if (vt.isNumeric()) {
                    t = kind == JsonFieldMapping.TimeKind.EPOCH_MILLIS ? jp.getValueAsLong(Long.MIN_VALUE)
                            : Timestamps.fromEpochSeconds(jp.getValueAsDouble(Double.NaN));
                } else {
                    t = Timestamps.INVALID;
                }
                v.time = t;
                break;
            case STATUS:
                if (vt == JsonToken.VALUE_NUMBER_INT) {
                    v.status = jp.getValueAsInt(-1);
                } else if (vt == JsonToken.VALUE_STRING) {
                    String txt = jp.getText();
                    v.status = Chars.parseUInt(txt, 0, txt.length());
                } else {
                    v.status = -1;
                }
                break;
            case DURATION:
                // kept as text: read exactly in toResult (a double would turn 0.30000000000000001 s into 0.3)
                v.duration = vt.isNumeric() || vt == JsonToken.VALUE_STRING ? jp.getText() : null;
                v.durationIsNumber = vt.isNumeric();
                v.hasDuration = true;
                break;
            default:
                if (vt != JsonToken.VALUE_STRING) {
                    return;
                }
                v.text[slot] = jp.getText();
                break;
        }
        v.priority[slot] = n.priority;
    }

    private static boolean toResult(Values v, JsonFieldMapping.DurationUnit unit, ParseResult out) {
        String method = v.text[METHOD];
        String path = v.text[PATH];
        if (method == null || path == null) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no method/path fields");
        }
        if (!RequestLine.validMethod(method, 0, method.length())) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "invalid method");
        }
        out.method = RequestLine.method(method, 0, method.length());
        if (v.text[HOST] != null) {
            out.host = RequestLine.host(v.text[HOST]);
        }
        if (!RequestLine.path(path, 0, path.length(), out)) {
            return false;
        }
        if (v.time == Timestamps.INVALID) {
            return out.reject(RejectReason.BAD_TIMESTAMP, "missing or malformed time");
        }
        out.epochMillis = v.time;
        if (!validStatus(v.status)) {
            return out.reject(RejectReason.BAD_STATUS, "status " + v.status + " outside 100..599");
        }
        out.status = v.status;
        if (v.hasDuration) {
            long us = v.duration == null ? Chars.NOT_DECIMAL
                    : v.durationIsNumber ? Chars.decimalCeilE(v.duration, unit.microsShift())
                    : Chars.decimalCeil(v.duration, 0, v.duration.length(), unit.microsShift(), false);
            if (us == Chars.NOT_DECIMAL) {
                return out.reject(RejectReason.BAD_LATENCY, "duration is not a number");
            }
            out.latencyUs = us;
        }
        out.origin = v.text[ORIGIN];
        return true;
    }

    /** Per-line captured values. */
    private static final class Values {
        final String[] text = new String[SLOTS];
        final int[] priority = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        long time = Timestamps.INVALID;
        int status = -1;
        /** The duration's text (a JSON number's or string's), null when neither. */
        String duration;
        boolean durationIsNumber;
        boolean hasDuration;
    }

    /** A mapping compiled into a trie of field names. */
    private static final class Compiled implements Serializable {
        private static final long serialVersionUID = 1L;
        final Node root = new Node();
        final JsonFieldMapping.TimeKind timeKind;
        final JsonFieldMapping.DurationUnit durationUnit;

        Compiled(JsonFieldMapping m) {
            timeKind = m.timeKind;
            durationUnit = m.durationUnit;
            add(m.time, TIME);
            add(m.method, METHOD);
            add(m.path, PATH);
            add(m.status, STATUS);
            add(m.duration, DURATION);
            add(m.host, HOST);
            add(m.origin, ORIGIN);
        }

        private void add(List<String> paths, int slot) {
            for (int i = 0; i < paths.size(); i++) {
                Node n = root;
                for (String part : splitPath(paths.get(i))) {
                    if (n.children == null) {
                        n.children = new HashMap<>();
                    }
                    n = n.children.computeIfAbsent(part, k -> new Node());
                }
                if (n.slot < 0) {
                    n.slot = slot;
                    n.priority = i;
                }
            }
        }

        /** Splits a dotted path; a leading ':' or other characters are kept ("request.host", ":authority"). */
        private static String[] splitPath(String p) {
            return p.split("\\.", -1);
        }
    }

    private static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        Map<String, Node> children;
        int slot = -1;
        int priority;
    }
}
