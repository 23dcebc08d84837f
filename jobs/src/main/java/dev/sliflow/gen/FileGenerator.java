package dev.sliflow.gen;

import dev.sliflow.parse.LogFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one log file (one UTC day of one region) line by line, in time order, holding at most one
 * minute of timestamps in memory. Not thread-safe; one instance per file.
 */
final class FileGenerator {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int G_TRUNCATED = 0, G_BINARY = 1, G_EMPTY = 2, G_BAD_TS = 3, G_BAD_STATUS = 4, G_TLS = 5;
    private static final int CAT_JOURNEY = 0, CAT_HEALTHZ = 1, CAT_STATIC = 2, CAT_UNMATCHED = 3;
    private static final String HOST = "shop.example.com";

    private final GeneratorConfig cfg;
    private final LogFormat format;
    private final List<Scenario.Incident> incidents;
    private final LocalDate day;
    private final int region;              // -1 = no regions
    private final int offsetSeconds;       // nginx local-time offset for this file
    private final Path file;
    private final SplittableRandom r;
    private final ClientPool clients;
    private final FileStats st;
    private final double peakHour;
    private final String awsRegion;
    private final String clfOffset;

    // per-event state (reused)
    private final StringBuilder sb = new StringBuilder(1024);
    private final StringBuilder target = new StringBuilder(256);
    private long tMicros;
    private String method;
    private int status;
    private long bytesSent;
    private long bytesRead;
    private long latencyUs;
    private boolean upstreamDash;
    private boolean dispatched;
    private boolean http2;
    private String ip;
    private String ua;
    private String referer;
    private String remoteUser;
    private int category;
    private int journeyIdx;
    private final int[] noneActive;
    private boolean badTs;
    private boolean badStatus;

    // category weights
    private final double[] cumWeights;
    private final double totalWeight;

    FileGenerator(GeneratorConfig cfg, Scenario scenario, LocalDate day, int region, int offsetSeconds,
                  Path file, String relPath, long fileSeed, ClientPool clients) {
        this.cfg = cfg;
        this.format = cfg.format();
        this.incidents = scenario.all();
        this.day = day;
        this.region = region;
        this.offsetSeconds = offsetSeconds;
        this.file = file;
        this.r = new SplittableRandom(fileSeed);
        this.clients = clients;
        this.st = new FileStats(Catalog.JOURNEYS.size(), incidents.size());
        st.path = relPath;
        st.region = region < 0 ? "" : Regions.NAMES[region];
        st.date = day.toString();
        st.utcOffset = offsetString(offsetSeconds, true);
        this.clfOffset = offsetString(offsetSeconds, false);
        this.peakHour = region < 0 ? Regions.DEFAULT_PEAK_HOUR_UTC : Regions.PEAK_HOUR_UTC[region];
        this.awsRegion = region < 0 ? "us-east-1" : Regions.NAMES[region];
        int n = Catalog.JOURNEYS.size();
        cumWeights = new double[n + 3];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += Catalog.JOURNEYS.get(i).weight();
            cumWeights[i] = c;
        }
        c += Catalog.HEALTHZ_WEIGHT;
        cumWeights[n] = c;
        c += Catalog.STATIC_WEIGHT;
        cumWeights[n + 1] = c;
        c += Catalog.UNMATCHED_WEIGHT;
        cumWeights[n + 2] = c;
        totalWeight = c;
        noneActive = new int[n];
        Arrays.fill(noneActive, -1);
    }

    /** Relative traffic at fractional UTC hour h: peak at {@code peakHour}, trough 12 h later. */
    static double diurnal(double h, double peakHour) {
        double c = (1 + Math.cos(2 * Math.PI * (h - peakHour) / 24.0)) / 2.0;
        return 0.15 + 0.85 * Math.pow(c, 1.5);
    }

    static double weekdayFactor(LocalDate d) {
        return switch (d.getDayOfWeek()) {
            case SATURDAY -> 0.78;
            case SUNDAY -> 0.72;
            default -> 1.0;
        };
    }

    FileStats run() throws IOException {
        Files.createDirectories(file.getParent());
        double share = 1.0;
        if (region >= 0) {
            double tot = 0;
            for (int i = 0; i < cfg.regions(); i++) tot += Regions.SHARE[i];
            share = Regions.SHARE[region] / tot;
        }
        double nDay = cfg.perDay() * share * weekdayFactor(day) * Math.exp(0.03 * r.nextGaussian());
        double[] w = new double[1440];
        double wsum = 0;
        for (int m = 0; m < 1440; m++) {
            w[m] = diurnal((m + 0.5) / 60.0, peakHour);
            wsum += w[m];
        }
        long dayStartMicros = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        long[] ts = new long[1024];
        int nInc = incidents.size();
        int nJ = Catalog.JOURNEYS.size();
        int[] active = new int[nJ];
        try (OutputStream os = open(); AsciiSink out = new AsciiSink(os)) {
            for (int m = 0; m < 1440; m++) {
                long minuteStart = dayStartMicros + m * 60_000_000L;
                Arrays.fill(active, -1);
                for (int i = 0; i < nInc; i++) {
                    Scenario.Incident inc = incidents.get(i);
                    if (inc.startMicros() <= minuteStart && minuteStart < inc.endMicros()) {
                        int j = inc.journey();
                        if (active[j] < 0 || forced(inc)) active[j] = i;
                    }
                }
                int k = poisson(nDay * w[m] / wsum);
                if (k > ts.length) ts = new long[Math.max(k, ts.length * 2)];
                for (int i = 0; i < k; i++) ts[i] = minuteStart + r.nextLong(60_000_000L);
                Arrays.sort(ts, 0, k);
                for (int i = 0; i < k; i++) {
                    tMicros = ts[i];
                    if (st.firstMicros == Long.MIN_VALUE) st.firstMicros = tMicros;
                    st.lastMicros = tMicros;
                    sb.setLength(0);
                    double g = cfg.garbageRate();
                    if (g > 0 && r.nextDouble() < g * 0.9 && (st.garbage + 1) <= g * (st.lines + 1)) {
                        garbage();
                    } else {
                        event(active);
                        formatLine();
                    }
                    sb.append('\n');
                    out.write(sb);
                    st.lines++;
                }
            }
            out.flush();
            st.bytes = out.count();
        }
        return st;
    }

    private static boolean forced(Scenario.Incident inc) {
        return inc.kind() == Scenario.Kind.OUTAGE || inc.kind() == Scenario.Kind.MAINTENANCE;
    }

    private OutputStream open() throws IOException {
        OutputStream fos = Files.newOutputStream(file);
        if (!cfg.gzip()) return fos;
        int level = cfg.gzipLevel();
        return new GZIPOutputStream(fos, 1 << 16) {
            {
                def.setLevel(level);
            }
        };
    }

    private int poisson(double lambda) {
        if (lambda <= 0) return 0;
        if (lambda < 30) {
            double l = Math.exp(-lambda), p = 1;
            int k = 0;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > l);
            return k - 1;
        }
        return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
    }

    // ---------------------------------------------------------------- events

    private void event(int[] active) {
        badTs = false;
        badStatus = false;
        target.setLength(0);
        upstreamDash = false;
        dispatched = true;
        http2 = r.nextInt(4) == 0;
        referer = "-";
        remoteUser = "-";
        bytesRead = 0;
        double u = r.nextDouble() * totalWeight;
        int idx = 0;
        while (cumWeights[idx] <= u && idx < cumWeights.length - 1) idx++;
        int nJ = Catalog.JOURNEYS.size();
        if (idx < nJ) {
            journeyEvent(idx, active[idx]);
        } else if (idx == nJ) {
            category = CAT_HEALTHZ;
            st.healthz++;
            method = "GET";
            target.append("/healthz");
            status = 200;
            bytesSent = 2;
            latencyUs = 300 + r.nextInt(1500);
            ip = clients.probeIp(r.nextInt(3));
            ua = Catalog.HEALTH_UA;
            http2 = false;
        } else if (idx == nJ + 1) {
            category = CAT_STATIC;
            st.statics++;
            client();
            method = "GET";
            int kind = r.nextInt(3);
            if (kind == 0) {
                target.append("/static/js/app.");
                hex(target, 8);
                target.append(".js");
            } else if (kind == 1) {
                target.append("/static/css/main.");
                hex(target, 8);
                target.append(".css");
            } else {
                target.append("/static/img/p").append(1 + r.nextInt(5000)).append(".webp");
            }
            status = r.nextInt(10) < 2 ? 304 : 200;
            bytesSent = status == 304 ? 0 : 2_000 + r.nextInt(180_000);
            latencyUs = 200 + (long) (2_000 * Math.exp(0.8 * r.nextGaussian()));
            referer = "https://shop.example.com/";
        } else {
            category = CAT_UNMATCHED;
            st.unmatched++;
            client();
            Catalog.Unmatched um = Catalog.UNMATCHED[r.nextInt(Catalog.UNMATCHED.length)];
            method = um.method();
            target.append(um.target());
            status = um.status();
            bytesSent = status == 204 || method.equals("HEAD") ? 0 : 150 + r.nextInt(800);
            latencyUs = (long) (8_000 * Math.exp(0.7 * r.nextGaussian()));
            upstreamDash = status == 404 && r.nextBoolean();
        }
    }

    private void client() {
        int c = r.nextInt(clients.size());
        boolean v6ok = format != LogFormat.HAPROXY && format != LogFormat.ALB;
        ip = clients.ip(c, v6ok);
        ua = clients.ua(c);
        if (r.nextInt(200) == 0) remoteUser = Catalog.FIRST_NAMES[c % Catalog.FIRST_NAMES.length] + "@example.com";
    }

    private void journeyEvent(int j, int activeIdx) {
        category = CAT_JOURNEY;
        journeyIdx = j;
        Catalog.Journey jr = Catalog.JOURNEYS.get(j);
        client();
        method = jr.method();
        referer = Catalog.REFERERS[r.nextInt(Catalog.REFERERS.length)];
        buildTarget(jr.name());
        Scenario.Incident inc = activeIdx >= 0 ? incidents.get(activeIdx) : null;
        double factor = inc != null && inc.kind() == Scenario.Kind.LATENCY_REGRESSION ? inc.latencyFactor() : 1.0;
        double lat = jr.medianMs() * Math.exp(jr.sigma() * r.nextGaussian()) * factor;
        if (r.nextInt(1000) < 3) lat *= 4 + 11 * r.nextDouble();          // heavy tail
        boolean injected = false;
        if (inc != null && forced(inc)) {
            status = 503;
            lat = 0.5 + 4 * r.nextDouble();
            dispatched = false;
            upstreamDash = inc.kind() == Scenario.Kind.MAINTENANCE;
            injected = true;
        } else if (inc != null && inc.kind() == Scenario.Kind.ERROR_BURST && r.nextDouble() < inc.errorRate()) {
            status = inc.statuses()[r.nextInt(inc.statuses().length)];
            injected = true;
            lat = errorLatency(status, lat);
        } else {
            double v = r.nextDouble();
            if (v < jr.serverErrorRate()) {
                int p = r.nextInt(10);
                status = p < 6 ? 500 : p < 8 ? 502 : p < 9 ? 503 : 504;
                lat = errorLatency(status, lat);
            } else if ((v -= jr.serverErrorRate()) < jr.rateLimitedRate()) {
                status = 429;
                lat = 0.2 + 1.5 * r.nextDouble();
                upstreamDash = true;
            } else if ((v -= jr.rateLimitedRate()) < jr.clientErrorRate()) {
                status = jr.clientErrorCode();
                lat *= 0.6;
            } else {
                status = jr.okStatus();
            }
        }
        if (lat > 120_000) lat = 120_000;
        latencyUs = Math.max(100, (long) (lat * 1000));
        if (status >= 500) {
            st.journeyServerErrors[j]++;
            bytesSent = 150 + r.nextInt(450);
        } else if (status == 429) {
            st.journeyRateLimited[j]++;
            bytesSent = 120 + r.nextInt(60);
        } else if (status >= 400) {
            st.journeyClientErrors[j]++;
            bytesSent = 80 + r.nextInt(300);
        } else if (status == 204) {
            bytesSent = 0;
        } else {
            bytesSent = okBytes(jr.name());
        }
        if (method.equals("POST")) bytesRead = 60 + r.nextInt(1400);
        st.journeyTotal[j]++;
        if (inc != null) {
            st.incidentRequests[activeIdx]++;
            if (injected) st.incidentServerErrors[activeIdx]++;
        }
    }

    private double errorLatency(int status, double lat) {
        switch (status) {
            case 502 -> {
                if (r.nextBoolean()) dispatched = false;
                return 2 + 40 * r.nextDouble();
            }
            case 503 -> {
                if (r.nextBoolean()) dispatched = false;
                return 0.5 + 4 * r.nextDouble();
            }
            case 504 -> {
                if (r.nextBoolean()) dispatched = false;
                return 30_000 + 100 * r.nextDouble();
            }
            default -> {
                return lat;
            }
        }
    }

    private long okBytes(String journey) {
        return switch (journey) {
            case "home" -> 12_000 + r.nextInt(6_000);
            case "login" -> 300 + r.nextInt(300);
            case "product" -> 4_000 + r.nextInt(26_000);
            case "search" -> 2_000 + r.nextInt(13_000);
            case "cart_view" -> 500 + r.nextInt(3_500);
            case "cart_add" -> 200 + r.nextInt(600);
            case "checkout" -> 400 + r.nextInt(800);
            case "account" -> 800 + r.nextInt(1_200);
            case "order_status" -> 600 + r.nextInt(900);
            default -> 100 + r.nextInt(1_000);
        };
    }

    private void buildTarget(String journey) {
        StringBuilder t = target;
        switch (journey) {
            case "home" -> {
                t.append('/');
                if (r.nextInt(20) == 0) {
                    t.append("?utm_source=newsletter&email=").append(name()).append("%40example.com");
                }
            }
            case "login" -> {
                t.append("/api/v1/login");
                if (r.nextInt(5) == 0) {
                    t.append("?redirect=%2Fcart&session=");
                    hex(t, 16);
                }
            }
            case "logout" -> t.append("/api/v1/logout");
            case "product" -> {
                t.append("/products/").append(1 + r.nextInt(50_000));
                int q = r.nextInt(20);
                if (q < 6) {
                    t.append("?ref=").append(Catalog.REF_WORDS[r.nextInt(Catalog.REF_WORDS.length)]);
                    if (q == 0) {
                        t.append("&token=");
                        hex(t, 12);
                    }
                }
            }
            case "search" -> {
                t.append("/api/v1/search?q=").append(Catalog.SEARCH_TERMS[r.nextInt(Catalog.SEARCH_TERMS.length)]);
                int q = r.nextInt(10);
                if (q < 4) t.append("&page=").append(2 + r.nextInt(9));
                if (q == 9) {
                    t.append("&token=");
                    hex(t, 12);
                    t.append("&email=").append(name()).append("@example.com");
                }
            }
            case "cart_view" -> {
                t.append("/api/v1/cart");
                if (r.nextInt(10) == 0) {
                    t.append("?session=");
                    hex(t, 16);
                }
            }
            case "cart_add" -> {
                t.append("/api/v1/cart");
                if (r.nextInt(20) == 0) t.append("?sku=SKU-").append(1000 + r.nextInt(9000));
            }
            case "checkout" -> {
                t.append("/api/v1/checkout");
                int q = r.nextInt(20);
                if (q < 3) {
                    t.append("?cart_token=");
                    hex(t, 24);
                    t.append("&email=").append(name()).append(q == 0 ? "@example.com" : "%40example.com");
                }
            }
            case "account" -> {
                t.append("/api/v1/account");
                if (r.nextInt(10) == 0) {
                    t.append("?access_token=");
                    hex(t, 32);
                }
            }
            case "order_status" -> {
                t.append("/api/v1/orders/ord-");
                hex(t, 8);
            }
            default -> t.append('/').append(journey);
        }
    }

    private String name() {
        return Catalog.FIRST_NAMES[r.nextInt(Catalog.FIRST_NAMES.length)];
    }

    private void hex(StringBuilder t, int n) {
        long bits = r.nextLong();
        for (int i = 0; i < n; i++) {
            if (i == 16) bits = r.nextLong();
            t.append(HEX[(int) (bits & 15)]);
            bits >>>= 4;
        }
    }

    // ---------------------------------------------------------------- garbage

    private void garbage() {
        int kind = r.nextInt(FileStats.GARBAGE_KINDS.length);
        st.garbage++;
        st.garbageByKind[kind]++;
        switch (kind) {
            case G_TRUNCATED -> {
                event(noneActive);
                undoCounts();
                formatLine();
                int cut = 5 + r.nextInt(Math.max(1, sb.length() / 2 - 5));
                sb.setLength(Math.min(cut, sb.length()));
            }
            case G_BINARY -> {
                int n = 20 + r.nextInt(180);
                for (int i = 0; i < n; i++) {
                    int b = r.nextInt(256);
                    if (b == '\n' || b == '\r') b = 0xFF;
                    sb.append((char) b);
                }
            }
            case G_EMPTY -> { }
            case G_BAD_TS, G_BAD_STATUS -> {
                event(noneActive);
                undoCounts();
                badTs = kind == G_BAD_TS;
                badStatus = kind == G_BAD_STATUS;
                formatLine();
            }
            case G_TLS -> tlsJunk();
            default -> throw new IllegalStateException();
        }
        badTs = false;
        badStatus = false;
    }

    /** Garbage lines built from a request must not count as requests. */
    private void undoCounts() {
        // event() counted the request; find which counter and undo it
        if (category == CAT_HEALTHZ) {
            st.healthz--;
        } else if (category == CAT_STATIC) {
            st.statics--;
        } else if (category == CAT_UNMATCHED) {
            st.unmatched--;
        } else {
            int j = journeyIdx;
            st.journeyTotal[j]--;
            if (status >= 500) st.journeyServerErrors[j]--;
            else if (status == 429) st.journeyRateLimited[j]--;
            else if (status >= 400) st.journeyClientErrors[j]--;
        }
    }

    private void tlsJunk() {
        client();
        switch (format) {
            case NGINX, APACHE -> {
                sb.append(ip).append(" - - [");
                clfTime(tMicros / 1_000_000L + (format == LogFormat.NGINX ? offsetSeconds : 0));
                sb.append(' ').append(format == LogFormat.NGINX ? clfOffset : "+0000");
                sb.append("] \"\\x16\\x03\\x01");
                int n = 8 + r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    int b = r.nextInt(256);
                    if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') sb.append((char) b);
                    else sb.append("\\x").append(Character.toUpperCase(HEX[b >> 4])).append(Character.toUpperCase(HEX[b & 15]));
                }
                sb.append("\" 400 157 \"-\" \"-\"");
                if (format == LogFormat.NGINX) sb.append(" 0.001 -");
                else sb.append(' ').append(200 + r.nextInt(800));
            }
            case ALB -> {
                sb.append("https ");
                isoTime(tMicros / 1_000_000L);
                sb.append('.');
                pad(tMicros % 1_000_000L, 6);
                sb.append("Z app/shop-prod-alb/50dc6c495c0c9188 ").append(ip).append(':').append(1024 + r.nextInt(64000));
                sb.append(" - -1 -1 -1 400 - 0 0 \"- - - \" \"-\" - - - \"-\" \"-\" \"-\" - ");
                isoTime(tMicros / 1_000_000L);
                sb.append('.');
                pad(tMicros % 1_000_000L, 6);
                sb.append("Z \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\"");
            }
            case ENVOY -> {
                sb.append('[');
                isoTime(tMicros / 1_000_000L);
                sb.append('.');
                pad((tMicros / 1000) % 1000, 3);
                sb.append("Z] \"- - -\" 400 DPE 0 0 0 - \"-\" \"-\" \"-\" \"-\" \"-\"");
            }
            case HAPROXY -> {
                syslogPrefix();
                sb.append(ip).append(':').append(1024 + r.nextInt(64000)).append(" [");
                clfTime(tMicros / 1_000_000L);
                sb.append('.');
                pad((tMicros / 1000) % 1000, 3);
                sb.append("] www-https~ www-https/<NOSRV> -1/-1/-1/-1/0 400 0 - - PR-- 1/1/0/0/0 0/0 \"<BADREQ>\"");
            }
            case JSON -> {
                sb.append("{\"level\":\"debug\",\"ts\":");
                jsonTs();
                sb.append(",\"logger\":\"http.stdlib\",\"msg\":\"http: TLS handshake error from ").append(ip)
                        .append(':').append(1024 + r.nextInt(64000))
                        .append(": tls: first record does not look like a TLS handshake\"}");
            }
            default -> throw new IllegalStateException("format " + format);
        }
    }

    // ---------------------------------------------------------------- formats

    private void formatLine() {
        switch (format) {
            case NGINX -> nginx();
            case APACHE -> apache();
            case ALB -> alb();
            case ENVOY -> envoy();
            case HAPROXY -> haproxy();
            case JSON -> json();
            default -> throw new IllegalStateException("format " + format);
        }
    }

    private void appendStatus() {
        if (badStatus) sb.append((tMicros & 1) == 0 ? "abc" : "999");
        else sb.append(status);
    }

    private String proto() {
        return http2 ? "HTTP/2.0" : "HTTP/1.1";
    }

    private void nginx() {
        sb.append(ip).append(" - ").append(remoteUser).append(" [");
        if (badTs) sb.append("3x/Mar/2026:1O:00:00");
        else clfTime(tMicros / 1_000_000L + offsetSeconds);
        sb.append(' ').append(clfOffset).append("] \"");
        sb.append(method).append(' ').append(target).append(' ').append(proto()).append("\" ");
        appendStatus();
        sb.append(' ').append(bytesSent).append(" \"").append(referer).append("\" \"").append(ua).append("\" ");
        long ms = (latencyUs + 500) / 1000;
        seconds3(ms);
        sb.append(' ');
        if (upstreamDash) {
            sb.append('-');
        } else {
            seconds3(Math.max(0, ms - r.nextInt((int) Math.min(ms, 2) + 1)));
        }
    }

    private void apache() {
        sb.append(ip).append(" - ").append(remoteUser).append(" [");
        if (badTs) sb.append("3x/Mar/2026:1O:00:00");
        else clfTime(tMicros / 1_000_000L);
        sb.append(" +0000] \"");
        sb.append(method).append(' ').append(target).append(' ').append(proto()).append("\" ");
        appendStatus();
        sb.append(' ');
        if (bytesSent == 0) sb.append('-');
        else sb.append(bytesSent);
        sb.append(" \"").append(referer).append("\" \"").append(ua).append("\" ").append(latencyUs);
    }

    private void alb() {
        long sec = tMicros / 1_000_000L;
        sb.append(http2 ? "h2 " : "https ");
        if (badTs) {
            sb.append("2026-03-0xT1O:00:00.000000Z");
        } else {
            isoTime(sec);
            sb.append('.');
            pad(tMicros % 1_000_000L, 6);
            sb.append('Z');
        }
        sb.append(" app/shop-prod-alb/50dc6c495c0c9188 ").append(ip).append(':').append(1024 + r.nextInt(64000)).append(' ');
        int tgt = r.nextInt(8);
        if (dispatched) {
            sb.append("10.0.").append(10 + tgt).append('.').append(20 + tgt).append(":8080 ");
            long ms = (latencyUs + 500) / 1000;
            long req = Math.min(ms, r.nextInt(2));
            long resp = Math.min(ms - req, r.nextInt(2));
            seconds3(req);
            sb.append(' ');
            seconds3(ms - req - resp);
            sb.append(' ');
            seconds3(resp);
            sb.append(' ');
            appendStatus();
            sb.append(' ').append(status).append(' ');
        } else {
            sb.append("- -1 -1 -1 ");
            appendStatus();
            sb.append(" - ");
        }
        sb.append(200 + bytesRead + r.nextInt(700)).append(' ').append(bytesSent + 150 + r.nextInt(100));
        sb.append(" \"").append(method).append(" https://").append(HOST).append(":443").append(target).append(' ')
                .append(proto()).append("\" \"").append(ua).append("\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 ");
        sb.append("arn:aws:elasticloadbalancing:").append(awsRegion)
                .append(":123456789012:targetgroup/shop-web/73e2d6bc24d8a067 \"Root=1-");
        long s = sec;
        for (int i = 7; i >= 0; i--) sb.append(HEX[(int) ((s >>> (4 * i)) & 15)]);
        sb.append('-');
        hex(sb, 24);
        sb.append("\" \"").append(HOST).append("\" \"arn:aws:acm:").append(awsRegion)
                .append(":123456789012:certificate/12345678-1234-1234-1234-123456789012\" 0 ");
        long created = tMicros - latencyUs;
        isoTime(Math.floorDiv(created, 1_000_000L));
        sb.append('.');
        pad(Math.floorMod(created, 1_000_000L), 6);
        sb.append("Z \"forward\" \"-\" \"-\" ");
        if (dispatched) {
            sb.append("\"10.0.").append(10 + tgt).append('.').append(20 + tgt).append(":8080\" \"").append(status).append('"');
        } else {
            sb.append("\"-\" \"-\"");
        }
        sb.append(" \"-\" \"-\"");
    }

    private void envoy() {
        sb.append('[');
        if (badTs) {
            sb.append("2026-03-0xT1O:00:00.000Z");
        } else {
            isoTime(tMicros / 1_000_000L);
            sb.append('.');
            pad((tMicros / 1000) % 1000, 3);
            sb.append('Z');
        }
        sb.append("] \"").append(method).append(' ').append(target).append(' ')
                .append(http2 ? "HTTP/2" : "HTTP/1.1").append("\" ");
        appendStatus();
        String flags = "-";
        if (!dispatched) flags = status == 504 ? "UT" : status == 503 ? "UH" : "UF";
        long ms = latencyUs / 1000;
        sb.append(' ').append(flags).append(' ').append(bytesRead).append(' ').append(bytesSent).append(' ')
                .append(ms).append(' ');
        if (dispatched && category != CAT_HEALTHZ) sb.append(Math.max(0, ms - r.nextInt(3)));
        else sb.append('-');
        sb.append(" \"").append(ip).append("\" \"").append(ua).append("\" \"");
        hex(sb, 8);
        sb.append('-');
        hex(sb, 4);
        sb.append("-4");
        hex(sb, 3);
        sb.append('-').append(HEX[8 + r.nextInt(4)]);
        hex(sb, 3);
        sb.append('-');
        hex(sb, 12);
        sb.append("\" \"").append(HOST).append("\" \"");
        if (dispatched) {
            int t = r.nextInt(8);
            sb.append("10.1.").append(t).append('.').append(10 + t).append(":8080");
        } else {
            sb.append('-');
        }
        sb.append('"');
    }

    private void haproxy() {
        syslogPrefix();
        sb.append(ip).append(':').append(1024 + r.nextInt(64000)).append(" [");
        if (badTs) {
            sb.append("0x/Mar/2026:1O:00:00.000");
        } else {
            clfTime(tMicros / 1_000_000L);
            sb.append('.');
            pad((tMicros / 1000) % 1000, 3);
        }
        long tt = Math.max(0, latencyUs / 1000);
        sb.append("] www-https~ ");
        String flags = "----";
        if (!dispatched) {
            sb.append("shop/<NOSRV> ");
            sb.append(0).append("/-1/-1/-1/").append(tt);
            flags = status == 503 ? "SC--" : status == 504 ? "sH--" : "SH--";
        } else {
            sb.append("shop/web").append(1 + r.nextInt(6)).append(' ');
            long tq = Math.min(tt, r.nextInt(2));
            long tc = Math.min(tt - tq, r.nextInt(2));
            sb.append(tq).append("/0/").append(tc).append('/').append(tt - tq - tc).append('/').append(tt);
            if (status == 502) flags = "SH--";
            else if (status == 504) flags = "sH--";
        }
        sb.append(' ');
        appendStatus();
        int conns = 1 + r.nextInt(40);
        sb.append(' ').append(bytesSent).append(" - - ").append(flags).append(' ').append(conns).append('/')
                .append(conns).append('/').append(Math.max(0, conns - 1)).append('/').append(r.nextInt(5))
                .append("/0 0/0 \"").append(method).append(' ').append(target).append(" HTTP/1.1\"");
    }

    private void json() {
        sb.append("{\"level\":\"info\",\"ts\":");
        if (badTs) sb.append("\"2026-03-0xT1O:00:00Z\"");
        else jsonTs();
        sb.append(",\"logger\":\"http.log.access\",\"msg\":\"handled request\",\"request\":{\"remote_ip\":\"10.0.")
                .append(r.nextInt(4)).append('.').append(2 + r.nextInt(8)).append("\",\"remote_port\":\"")
                .append(1024 + r.nextInt(64000)).append("\",\"client_ip\":\"").append(ip)
                .append("\",\"proto\":\"").append(http2 ? "HTTP/2.0" : "HTTP/1.1").append("\",\"method\":\"")
                .append(method).append("\",\"host\":\"").append(HOST).append("\",\"uri\":\"").append(target)
                .append("\",\"headers\":{\"User-Agent\":[\"").append(ua).append("\"],\"Accept\":[\"*/*\"]}},")
                .append("\"bytes_read\":").append(bytesRead).append(",\"user_id\":\"\",\"duration\":");
        long us = latencyUs;
        sb.append(us / 1_000_000L).append('.');
        pad(us % 1_000_000L, 6);
        sb.append(",\"size\":").append(bytesSent).append(",\"status\":");
        if (badStatus) sb.append((tMicros & 1) == 0 ? "\"abc\"" : "999");
        else sb.append(status);
        sb.append('}');
    }

    private void jsonTs() {
        sb.append(tMicros / 1_000_000L).append('.');
        pad(tMicros % 1_000_000L, 6);
    }

    private void syslogPrefix() {
        long sec = tMicros / 1_000_000L;
        long days = Math.floorDiv(sec, 86400L);
        int sod = (int) Math.floorMod(sec, 86400L);
        LocalDate d = dateOf(days);
        sb.append(MONTHS[d.getMonthValue() - 1]).append(' ');
        if (d.getDayOfMonth() < 10) sb.append(' ');
        sb.append(d.getDayOfMonth()).append(' ');
        hms(sod);
        sb.append(" lb1 haproxy[2317]: ");
    }

    // ---------------------------------------------------------------- time & number helpers

    private long cachedDay = Long.MIN_VALUE;
    private LocalDate cachedDate;
    private String cachedIso;
    private String cachedClf;

    private LocalDate dateOf(long epochDay) {
        if (epochDay != cachedDay) {
            cachedDay = epochDay;
            cachedDate = LocalDate.ofEpochDay(epochDay);
            cachedIso = cachedDate.toString();
            int dd = cachedDate.getDayOfMonth();
            cachedClf = (dd < 10 ? "0" : "") + dd + "/" + MONTHS[cachedDate.getMonthValue() - 1] + "/"
                    + cachedDate.getYear();
        }
        return cachedDate;
    }

    /** yyyy-MM-ddTHH:mm:ss of an epoch second (UTC). */
    private void isoTime(long sec) {
        long days = Math.floorDiv(sec, 86400L);
        dateOf(days);
        sb.append(cachedIso).append('T');
        hms((int) Math.floorMod(sec, 86400L));
    }

    /** dd/MMM/yyyy:HH:mm:ss of an epoch second (already shifted to local time). */
    private void clfTime(long sec) {
        long days = Math.floorDiv(sec, 86400L);
        dateOf(days);
        sb.append(cachedClf).append(':');
        hms((int) Math.floorMod(sec, 86400L));
    }

    private void hms(int sod) {
        pad(sod / 3600, 2);
        sb.append(':');
        pad((sod / 60) % 60, 2);
        sb.append(':');
        pad(sod % 60, 2);
    }

    private void pad(long v, int width) {
        long l = 1;
        for (int i = 1; i < width; i++) l *= 10;
        for (; l > 1 && v < l; l /= 10) sb.append('0');
        sb.append(v);
    }

    /** Milliseconds as seconds with three decimals. */
    private void seconds3(long ms) {
        sb.append(ms / 1000).append('.');
        pad(ms % 1000, 3);
    }

    static String offsetString(int offsetSeconds, boolean colon) {
        int a = Math.abs(offsetSeconds);
        String hh = String.format(java.util.Locale.ROOT, "%02d", a / 3600);
        String mm = String.format(java.util.Locale.ROOT, "%02d", (a / 60) % 60);
        return (offsetSeconds < 0 ? "-" : "+") + hh + (colon ? ":" : "") + mm;
    }

    /** Writes chars 0..255 as single bytes (the generated text is ASCII; binary junk is raw bytes). */
    static final class AsciiSink implements AutoCloseable {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 18];
        private char[] chars = new char[4096];
        private int pos;
        private long count;

        AsciiSink(OutputStream out) {
            this.out = out;
        }

        void write(CharSequence s) throws IOException {
            int n = s.length();
            if (pos + n > buf.length) {
                flushBuf();
                if (n > buf.length) {
                    for (int i = 0; i < n; i++) {
                        if (pos == buf.length) flushBuf();
                        buf[pos++] = (byte) s.charAt(i);
                    }
                    count += n;
                    return;
                }
            }
            if (s instanceof StringBuilder b) {
                if (chars.length < n) chars = new char[Math.max(n, chars.length * 2)];
                b.getChars(0, n, chars, 0);
                char[] c = chars;
                byte[] o = buf;
                int p = pos;
                for (int i = 0; i < n; i++) o[p + i] = (byte) c[i];
            } else {
                for (int i = 0; i < n; i++) buf[pos + i] = (byte) s.charAt(i);
            }
            pos += n;
            count += n;
        }

        long count() {
            return count;
        }

        private void flushBuf() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }

        void flush() throws IOException {
            flushBuf();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flushBuf();
            out.close();
        }
    }
}
