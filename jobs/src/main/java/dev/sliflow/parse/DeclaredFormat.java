package dev.sliflow.parse;

import dev.sliflow.parse.DeclaredField.Kind;
import dev.sliflow.parse.DeclaredField.Role;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An access-log layout declared as the server writes it: {@code nginx:<log_format string>} or
 * {@code apache:<LogFormat string>}. Compiled once, before a job starts, into literals and variables
 * ({@code literals[i] fields[i] literals[i+1] ...}); every error in the declaration is an
 * {@link IllegalArgumentException} that names the problem. {@link DeclaredParser} reads lines with it.
 *
 * <p>Which variable is the latency is never guessed from an undeclared field: nginx {@code $request_time},
 * else {@code $upstream_response_time} (the sum of its tries); Apache {@code %D}, else {@code %{us}T},
 * {@code %{ms}T}, {@code %T}/{@code %{s}T}; or the one named by {@code latencyField}. A layout without one
 * is valid: its lines have no latency.
 */
public final class DeclaredFormat implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The server whose format language a declaration is written in. */
    public enum Server {
        NGINX, APACHE
    }

    /** nginx's combined + {@code $request_time}: {@link NginxParser}'s own layout. */
    private static final String NGINX_BUILT_IN =
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\""
                    + " \"$http_user_agent\" $request_time";
    /** Apache's combined + {@code %D}: {@link ApacheParser}'s own layout. */
    private static final String APACHE_BUILT_IN = "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D";

    private final String declaration;
    private final Server server;
    final String[] literals;
    final DeclaredField[] fields;
    /** Whether field i sits between double quotes (its value then ends at the closing, unescaped quote). */
    final boolean[] quoted;
    /** Index in {@link #fields} of the variable serving each {@link Role}, -1 for none. */
    private final int[] roles = new int[Role.values().length];
    private final boolean defaultLatency;

    private DeclaredFormat(String declaration, Server server, Layout layout, String latencyField) {
        this.declaration = declaration;
        this.server = server;
        this.literals = layout.literals.toArray(new String[0]);
        this.fields = layout.fields.toArray(new DeclaredField[0]);
        this.quoted = new boolean[fields.length];
        if (fields.length == 0) {
            throw new IllegalArgumentException("the declared format has no variables");
        }
        for (int i = 0; i < fields.length; i++) {
            quoted[i] = literals[i].endsWith("\"") && literals[i + 1].startsWith("\"");
            if (literals[i + 1].isEmpty() && i + 1 < fields.length && !fields[i].bracketed()) {
                throw new IllegalArgumentException(fields[i].name() + " and " + fields[i + 1].name()
                        + " are adjacent with no text between them: their values cannot be told apart");
            }
        }
        java.util.Arrays.fill(roles, -1);
        for (int i = 0; i < fields.length; i++) {
            Role r = fields[i].kind().role;
            if (r != null && fields[i].rank() != DeclaredField.EXPLICIT_ONLY
                    && (roles[r.ordinal()] < 0 || fields[i].rank() < fields[roles[r.ordinal()]].rank())) {
                roles[r.ordinal()] = i;
            }
        }
        require(Role.TIME, server == Server.NGINX ? "$time_local, $time_iso8601 or $msec" : "%t or %{format}t");
        if (roles[Role.REQUEST.ordinal()] < 0 && (roles[Role.METHOD.ordinal()] < 0 || roles[Role.PATH.ordinal()] < 0)) {
            throw new IllegalArgumentException("the declared format has no request: declare "
                    + (server == Server.NGINX ? "$request, or $request_method and $request_uri (or $uri)" : "%r, or %m and %U"));
        }
        require(Role.STATUS, server == Server.NGINX ? "$status" : "%>s");
        this.defaultLatency = latencyField == null;
        if (latencyField != null) {
            roles[Role.LATENCY.ordinal()] = explicitLatency(latencyField.trim());
        }
    }

    /**
     * Compiles {@code nginx:<log_format>} or {@code apache:<LogFormat>}; {@code latencyField} (nullable)
     * names the variable that is the latency, e.g. {@code $upstream_response_time} or {@code %{ms}T}.
     */
    public static DeclaredFormat parse(String declaration, String latencyField) {
        int colon = declaration.indexOf(':');
        Server server = colon < 0 ? null : server(declaration.substring(0, colon));
        if (server == null) {
            throw new IllegalArgumentException("a declared format starts with nginx: or apache:, got '" + declaration + "'");
        }
        String body = declaration.substring(colon + 1).strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("the declared " + server.name().toLowerCase(Locale.ROOT) + " format is empty");
        }
        Layout layout = server == Server.NGINX ? NginxDeclaration.read(NginxConfigQuotes.unquote(body))
                : ApacheDeclaration.read(unquoteApache(body));
        return new DeclaredFormat(declaration, server, layout.trimmed(), latencyField);
    }

    /** Whether {@code format} is a declaration ({@code nginx:...} or {@code apache:...}) rather than a format name. */
    public static boolean isDeclaration(String format) {
        int colon = format.indexOf(':');
        return colon > 0 && server(format.substring(0, colon)) != null;
    }

    private static Server server(String name) {
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "nginx":
                return Server.NGINX;
            case "apache":
                return Server.APACHE;
            default:
                return null;
        }
    }

    /**
     * An Apache LogFormat pasted with its configuration quotes ({@code "%h %l ... \"%r\" ..."}) loses them:
     * the outer quotes are the configuration's when every quote between them is escaped.
     */
    private static String unquoteApache(String body) {
        int last = body.length() - 1;
        if (last < 1 || body.charAt(0) != '"' || body.charAt(last) != '"' || body.charAt(last - 1) == '\\') {
            return body;
        }
        for (int i = 1; i < last; i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return body; // an unescaped quote: the outer ones belong to the layout
            }
        }
        return body.substring(1, last);
    }

    private void require(Role role, String what) {
        if (roles[role.ordinal()] < 0) {
            throw new IllegalArgumentException("the declared format has no " + role.name().toLowerCase(Locale.ROOT)
                    + ": declare " + what);
        }
    }

    private int explicitLatency(String name) {
        for (int i = 0; i < fields.length; i++) {
            if (sameVariable(fields[i].name(), name)) {
                if (fields[i].kind() != Kind.LATENCY) {
                    throw new IllegalArgumentException("--latency-field " + name + " is not a time span (the declared"
                            + " format's time spans: " + latencyNames() + ")");
                }
                return i;
            }
        }
        throw new IllegalArgumentException("--latency-field " + name + " is not a variable of the declared format"
                + " (its time spans: " + latencyNames() + ")");
    }

    private String latencyNames() {
        List<String> names = new ArrayList<>();
        for (DeclaredField f : fields) {
            if (f.kind() == Kind.LATENCY) {
                names.add(f.name());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** {@code $x}, {@code ${x}} and {@code x} name the same nginx variable. */
    private boolean sameVariable(String declared, String given) {
        if (server == Server.APACHE) {
            return declared.equals(given);
        }
        String g = given.startsWith("${") && given.endsWith("}") ? given.substring(2, given.length() - 1)
                : given.startsWith("$") ? given.substring(1) : given;
        return declared.equals("$" + g);
    }

    /** Index of the field serving {@code role}, or -1. */
    int field(Role role) {
        return roles[role.ordinal()];
    }

    public Server server() {
        return server;
    }

    /** The latency variable as declared ({@code $request_time}, {@code %D}, ...), or null when lines carry none. */
    public String latencyField() {
        int i = roles[Role.LATENCY.ordinal()];
        return i < 0 ? null : fields[i].name();
    }

    /**
     * The built-in format whose parser reads exactly this layout (nginx combined + {@code $request_time},
     * Apache combined + {@code %D}, latency by default), so that it keeps their faster paths; null for others.
     */
    LogFormat builtIn() {
        if (!defaultLatency) {
            return null;
        }
        String layout = layout();
        return layout.equals(NGINX_BUILT_IN) ? LogFormat.NGINX : layout.equals(APACHE_BUILT_IN) ? LogFormat.APACHE : null;
    }

    /** The compiled layout written back with the variables' declared names. */
    String layout() {
        StringBuilder b = new StringBuilder(literals[0]);
        for (int i = 0; i < fields.length; i++) {
            b.append(fields[i].name()).append(literals[i + 1]);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return declaration;
    }

    /** A declaration being read: alternating literals and variables. */
    static final class Layout {
        private final List<String> literals = new ArrayList<>();
        private final List<DeclaredField> fields = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        void literal(char c) {
            text.append(c);
        }

        void field(DeclaredField f) {
            literals.add(text.toString());
            text.setLength(0);
            fields.add(f);
        }

        /**
         * Adds {@code f}, or when it directly follows a request path (no text between), joins it to that path
         * as the query string it is ({@code %U%q}, {@code $uri$is_args$args}): the path is read without it.
         */
        void queryField(DeclaredField f) {
            int last = fields.size() - 1;
            if (text.length() == 0 && last >= 0 && fields.get(last).kind() == Kind.URI) {
                DeclaredField path = fields.get(last);
                fields.set(last, DeclaredField.of(path.name() + f.name(), Kind.URI, path.rank()));
            } else {
                field(f);
            }
        }

        /** The finished layout, its outer whitespace removed (lines are read trimmed). */
        Layout trimmed() {
            literals.add(text.toString());
            text.setLength(0);
            literals.set(0, literals.get(0).stripLeading());
            int last = literals.size() - 1;
            literals.set(last, literals.get(last).stripTrailing());
            return this;
        }
    }
}
