package dev.sliflow.ingest;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/**
 * One row of {@code unmatched_paths}: requests no journey matched, by method and path shape, per
 * event date, so that a data engineer sees which routes lack a journey. Paths are shapes: ids,
 * numbers, hashes, e-mails and other long segments become {@code {id}}; the query is never kept.
 */
public class UnmatchedRow implements Partitioned {
    /** The input file (rows are per file, like ingest_audit's, so that re-ingesting a file replaces its rows only). */
    public String file;
    /** The file's lineage identity (SourceId, hex): which rows a re-ingest of the file replaces. */
    public String source;
    public String method;
    public String path;
    public long requests;
    public String dt;

    public UnmatchedRow() {}

    public UnmatchedRow(String dt, String file, String method, String path, long requests) {
        this.dt = dt;
        this.file = file;
        this.method = method;
        this.path = path;
        this.requests = requests;
    }

    @Override
    public String dt() {
        return dt;
    }

    /** What identifies the row within its date: file, method and path shape (the grouping key is date, route). */
    public String route() {
        return file + '\u0001' + method + ' ' + path;
    }

    public static UnmatchedRow merge(UnmatchedRow a, UnmatchedRow b) {
        UnmatchedRow m = new UnmatchedRow(a.dt, a.file, a.method, a.path, a.requests + b.requests);
        m.source = a.source;
        return m;
    }

    /** The shape of a path: segments that look like ids, numbers, hashes or personal data become {id}. */
    public static String shape(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder b = new StringBuilder(Math.min(path.length(), 200));
        int start = path.charAt(0) == '/' ? 1 : 0;
        b.append('/');
        while (start <= path.length() && b.length() < 200) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String seg = path.substring(start, end);
            b.append(looksLikeId(seg) ? "{id}" : seg);
            if (end < path.length()) {
                b.append('/');
            }
            start = end + 1;
        }
        return b.toString();
    }

    private static boolean looksLikeId(String seg) {
        if (seg.length() > 32) {
            return true;
        }
        int digits = 0;
        int hex = 0;
        int letters = 0;
        int dotsColons = 0;
        int upper = 0;
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c == '@' || c == '%' || c == '=' || c == ';' || c == '+' || c == '~' || c == ',') {
                return true; // e-mails, encoded data, key=value, matrix parameters, base64: never a route
            }
            if (c >= 'A' && c <= 'Z') {
                upper++;
            }
            if (c >= '0' && c <= '9') {
                digits++;
                hex++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-') {
                hex++;
                letters += c == '-' ? 0 : 1;
            } else if (c == '.' || c == ':') {
                dotsColons++;
            } else if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z')) {
                letters++;
            }
        }
        return (digits > 0 && digits == seg.length())
                || (seg.length() >= 8 && hex == seg.length() && digits > 0)
                || (digits > 0 && dotsColons >= 2 && hex + dotsColons == seg.length()) // IPv4/IPv6, versions
                || (seg.length() >= 16 && digits > 0 && letters > 0) // a token or key in the path
                || (seg.length() >= 8 && digits > 0 && upper > 0 && upper < letters); // a short mixed-case token
    }

    public static final TableSchema<UnmatchedRow> SCHEMA = TableSchema.<UnmatchedRow>builder(
                    "unmatched_paths", "Requests no journey matched, per input file, event date, method and path shape"
                            + " (sum over files for a route's total).")
            .col("file", ColumnType.STRING, "input file path", r -> r.file)
            .nullable("source", ColumnType.STRING, "the file's identity in the lineage (hash of its first line):"
                    + " a re-ingest of the file, under any name, replaces the rows of its source", r -> r.source)
            .col("method", ColumnType.STRING, "HTTP method", r -> r.method)
            .col("path", ColumnType.STRING, "path shape (ids, numbers, hashes, e-mails -> {id}; no query)", r -> r.path)
            .col("requests", ColumnType.INT64, "unmatched requests", r -> r.requests)
            .build();
}
