package dev.sliflow.gen;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Renders ground-truth.json (deterministic: fixed key order, no wall-clock values). */
final class GroundTruthWriter {
    private GroundTruthWriter() {}

    static String write(GeneratorConfig cfg, Scenario scenario, List<FileStats> files) {
        J j = new J();
        j.open('{');
        j.key("generator").str("dev.sliflow.gen.LogGenerator");
        j.key("version").num(1);
        j.key("config").open('{');
        j.key("days").num(cfg.days());
        j.key("per_day").num(cfg.perDay());
        j.key("start").str(cfg.start().toString());
        j.key("seed").num(cfg.seed());
        j.key("format").str(cfg.format().cliName());
        j.key("gzip").bool(cfg.gzip());
        j.key("gzip_level").num(cfg.gzipLevel());
        j.key("garbage_rate").dbl(cfg.garbageRate());
        j.key("regions").num(cfg.regions());
        j.key("non_utc_fraction").dbl(cfg.nonUtcFraction());
        j.close('}');
        j.key("range").open('{');
        j.key("start").str(cfg.start() + "T00:00:00Z");
        j.key("end").str(cfg.endExclusive() + "T00:00:00Z");
        j.close('}');
        j.key("notes").open('[');
        j.str("lines = every line written, garbage included; parseable lines = lines - garbage_lines");
        j.str("parseable lines = sum(journeys.*.total) + excluded.total + unmatched");
        j.str("journey totals count requests by the journey whose journeys.yaml rule they match; "
                + "server_errors = 5xx, rate_limited = 429, client_errors = other 4xx");
        j.str("latency profile: log-normal with the given median (ms) and sigma, x4..x15 for 0.3% of requests; "
                + "504s last ~30 s; 503s from outages/maintenance 0.5..4.5 ms");
        j.str("all timestamps are UTC; files with utc_offset != +00:00 carry local times with that offset");
        j.close(']');

        j.key("journeys").open('[');
        double tw = 0;
        for (Catalog.Journey x : Catalog.JOURNEYS) tw += x.weight();
        tw += Catalog.HEALTHZ_WEIGHT + Catalog.STATIC_WEIGHT + Catalog.UNMATCHED_WEIGHT;
        for (Catalog.Journey x : Catalog.JOURNEYS) {
            j.open('{');
            j.key("name").str(x.name());
            j.key("method").str(x.method());
            j.key("path").str(x.template());
            j.key("traffic_share").dbl(round(x.weight() / tw, 5));
            j.key("latency_median_ms").dbl(x.medianMs());
            j.key("latency_sigma").dbl(x.sigma());
            j.key("server_error_rate").dbl(x.serverErrorRate());
            j.key("rate_limited_rate").dbl(x.rateLimitedRate());
            j.key("client_error_rate").dbl(x.clientErrorRate());
            j.key("client_error_status").num(x.clientErrorCode());
            j.key("ok_status").num(x.okStatus());
            j.key("latency_thresholds_ms").open('[');
            for (int t : Catalog.thresholdsOf(x)) j.num(t);
            j.close(']');
            j.close('}');
        }
        j.close(']');
        j.key("excluded_routes").open('[');
        j.str("GET /healthz");
        j.str("GET /static/**");
        j.close(']');
        j.key("excluded_traffic_share").dbl(round((Catalog.HEALTHZ_WEIGHT + Catalog.STATIC_WEIGHT) / tw, 5));
        j.key("unmatched_routes").open('[');
        for (Catalog.Unmatched u : Catalog.UNMATCHED) j.str(u.method() + " " + u.target() + " -> " + u.status());
        j.close(']');
        j.key("unmatched_traffic_share").dbl(round(Catalog.UNMATCHED_WEIGHT / tw, 5));

        List<Scenario.Incident> all = scenario.all();
        long[] incReq = new long[all.size()];
        long[] incErr = new long[all.size()];
        for (FileStats f : files) {
            for (int i = 0; i < all.size(); i++) {
                incReq[i] += f.incidentRequests[i];
                incErr[i] += f.incidentServerErrors[i];
            }
        }
        j.key("incidents").open('[');
        for (int i = 0; i < all.size(); i++) {
            Scenario.Incident x = all.get(i);
            if (x.kind() == Scenario.Kind.MAINTENANCE) continue;
            incident(j, x, incReq[i], incErr[i]);
        }
        j.close(']');
        j.key("maintenance").open('[');
        for (int i = 0; i < all.size(); i++) {
            Scenario.Incident x = all.get(i);
            if (x.kind() == Scenario.Kind.MAINTENANCE) incident(j, x, incReq[i], incErr[i]);
        }
        j.close(']');

        j.key("files").open('[');
        FileStats tot = new FileStats(Catalog.JOURNEYS.size(), all.size());
        for (FileStats f : files) {
            j.open('{');
            j.key("path").str(f.path);
            j.key("format").str(cfg.format().cliName());
            j.key("region").str(f.region);
            j.key("date").str(f.date);
            j.key("utc_offset").str(f.utcOffset);
            fileCounts(j, f);
            j.key("first_ts").str(f.firstMicros == Long.MIN_VALUE ? "" : ts(f.firstMicros));
            j.key("last_ts").str(f.lastMicros == Long.MIN_VALUE ? "" : ts(f.lastMicros));
            j.close('}');
            tot.lines += f.lines;
            tot.garbage += f.garbage;
            tot.healthz += f.healthz;
            tot.statics += f.statics;
            tot.unmatched += f.unmatched;
            tot.bytes += f.bytes;
            for (int k = 0; k < tot.garbageByKind.length; k++) tot.garbageByKind[k] += f.garbageByKind[k];
            for (int k = 0; k < tot.journeyTotal.length; k++) {
                tot.journeyTotal[k] += f.journeyTotal[k];
                tot.journeyServerErrors[k] += f.journeyServerErrors[k];
                tot.journeyRateLimited[k] += f.journeyRateLimited[k];
                tot.journeyClientErrors[k] += f.journeyClientErrors[k];
            }
        }
        j.close(']');
        j.key("totals").open('{');
        j.key("files").num(files.size());
        fileCounts(j, tot);
        j.key("uncompressed_bytes").num(tot.bytes);
        j.close('}');
        j.close('}');
        return j.sb.append('\n').toString();
    }

    private static void fileCounts(J j, FileStats f) {
        j.key("lines").num(f.lines);
        j.key("garbage_lines").num(f.garbage);
        j.key("parseable_lines").num(f.parsedLines());
        j.key("garbage_by_kind").open('{');
        for (int k = 0; k < FileStats.GARBAGE_KINDS.length; k++) j.key(FileStats.GARBAGE_KINDS[k]).num(f.garbageByKind[k]);
        j.close('}');
        j.key("journey_lines").num(f.journeyLines());
        j.key("journeys").open('{');
        for (int k = 0; k < f.journeyTotal.length; k++) {
            j.key(Catalog.JOURNEYS.get(k).name()).open('{');
            j.key("total").num(f.journeyTotal[k]);
            j.key("server_errors").num(f.journeyServerErrors[k]);
            j.key("rate_limited").num(f.journeyRateLimited[k]);
            j.key("client_errors").num(f.journeyClientErrors[k]);
            j.close('}');
        }
        j.close('}');
        j.key("excluded").open('{');
        j.key("total").num(f.healthz + f.statics);
        j.key("healthz").num(f.healthz);
        j.key("static").num(f.statics);
        j.close('}');
        j.key("unmatched").num(f.unmatched);
    }

    private static void incident(J j, Scenario.Incident x, long req, long err) {
        j.open('{');
        j.key("id").str(x.id());
        j.key("kind").str(x.kind().id());
        j.key("journey").str(x.journeyName());
        j.key("start").str(ts(x.startMicros()));
        j.key("end").str(ts(x.endMicros()));
        j.key("duration_minutes").num((x.endMicros() - x.startMicros()) / 60_000_000L);
        j.key("parameters").open('{');
        switch (x.kind()) {
            case ERROR_BURST -> {
                j.key("error_rate").dbl(x.errorRate());
                j.key("statuses").open('[');
                for (int s : x.statuses()) j.num(s);
                j.close(']');
            }
            case LATENCY_REGRESSION -> j.key("latency_factor").dbl(x.latencyFactor());
            case OUTAGE, MAINTENANCE -> {
                j.key("error_rate").dbl(1.0);
                j.key("status").num(x.statuses()[0]);
            }
            default -> { }
        }
        j.close('}');
        j.key("requests_in_window").num(req);
        j.key("injected_errors").num(err);
        j.close('}');
    }

    static String ts(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
                .toString();
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Minimal pretty-printing JSON writer. */
    private static final class J {
        final StringBuilder sb = new StringBuilder(1 << 16);
        private int depth;
        private boolean first = true;
        private boolean afterKey;

        private void pre() {
            if (afterKey) {
                afterKey = false;
                return;
            }
            if (depth > 0) {
                if (!first) sb.append(',');
                sb.append('\n');
                sb.append("  ".repeat(depth));
            }
            first = false;
        }

        J key(String k) {
            pre();
            quote(k);
            sb.append(": ");
            afterKey = true;
            return this;
        }

        J open(char c) {
            pre();
            sb.append(c);
            depth++;
            first = true;
            return this;
        }

        J close(char c) {
            depth--;
            if (!first) {
                sb.append('\n').append("  ".repeat(depth));
            }
            sb.append(c);
            first = false;
            return this;
        }

        J str(String s) {
            pre();
            quote(s);
            return this;
        }

        J num(long v) {
            pre();
            sb.append(v);
            return this;
        }

        J dbl(double v) {
            pre();
            sb.append(String.format(Locale.ROOT, "%s", v));
            return this;
        }

        J bool(boolean v) {
            pre();
            sb.append(v);
            return this;
        }

        private void quote(String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') sb.append('\\').append(c);
                else if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                else sb.append(c);
            }
            sb.append('"');
        }
    }
}
