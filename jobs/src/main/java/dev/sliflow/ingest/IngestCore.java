package dev.sliflow.ingest;

import dev.sliflow.journey.Journey;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.journey.RegionRule;
import dev.sliflow.parse.FormatDetector;
import dev.sliflow.parse.LineParser;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.ParserOptions;
import dev.sliflow.parse.Parsers;
import dev.sliflow.sli.SketchPool;
import dev.sliflow.sli.SliAccumulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole per-line work of ingestion, free of Flink: parse, validate, match a journey, and
 * pre-aggregate into per journey × region × minute accumulators; account for every line in the
 * per file × date audit; turn every unusable line into a reject with a reason.
 *
 * <p>Lines of one file must arrive in order and files one after another (as one Flink source
 * reader delivers them). Rejected lines carry no trustworthy date, so they are filed under the
 * date of the nearest parsed line of their file (the previous one, or the next when the file starts
 * with garbage, or the file's modification date when it has no parsed line at all).
 */
public final class IngestCore {
    /** Receives what the core produces. */
    public interface Emitter {
        void partial(SliPartial partial);

        void reject(RejectRow reject);

        void audit(AuditRow audit);

        /** Unmatched requests of one date, method and path shape (emitted with the audit rows). */
        void unmatched(UnmatchedRow row);

        /** A parsed line whose minute was already closed by the watermark (streaming only). */
        default void late(LateRow late) {
            throw new IllegalStateException("late line without a late-events output");
        }
    }

    /** Earliest and latest instants accepted as log timestamps. */
    static final long MIN_TS = java.time.Instant.parse("1990-01-01T00:00:00Z").toEpochMilli();
    static final long MAX_TS = java.time.Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    private static final int DETECT_LINES = 50;
    private static final int MAX_PENDING_REJECTS = 10_000;
    /** Flush partials when this many minute accumulators are open. */
    private static final int MAX_OPEN = 50_000;
    /**
     * Minutes more than this far from the current line's minute are emitted (lines come mostly in
     * time order): what is held stays journeys × a few minutes, whatever the input size. A line that
     * comes later for an emitted minute simply starts a new partial; the merge downstream adds them.
     */
    static final long OPEN_MINUTES_AROUND = 3;

    private final JourneyCatalog catalog;
    private final LogFormat format;
    private final DateRange range;
    private final int maxLineLength;
    private final Emitter out;
    private final ParseResult pr = new ParseResult();
    private final Map<Long, SliAccumulator> open = new HashMap<>();
    /**
     * Open accumulators beyond this many get a new sketch instead of a pooled one: a reused sketch
     * keeps an array as wide as the widest latency range it held (up to ~18 KB for µs to an hour),
     * so at most this many × 18 KB (~72 MB) are held that way, whatever the number of open minutes.
     */
    static final int POOLED_OPEN_MAX = 4096;
    /** The emitted accumulators' sketches, for the next minutes' accumulators. */
    private final SketchPool sketches = new SketchPool();
    /** Per journey: the key and accumulator of its latest line (lines come mostly in time order). */
    private final long[] recentKey;
    private final SliAccumulator[] recentAcc;
    private long recentAuditDay = Long.MIN_VALUE;
    private long lastMinuteIdx = Long.MIN_VALUE;
    /** The minute of the last parsed line (index, start in epoch ms) and its epoch day. */
    private long tsMinuteIdx;
    private long tsMinuteStart = Long.MIN_VALUE / 2;
    private long tsDay;
    private AuditRow recentAudit;
    private final Map<String, Integer> regionIds = new HashMap<>();
    private final List<String> regions = new ArrayList<>();
    private final Counters counters = new Counters();
    /** Default of {@link #limitRejectsPerFile}. */
    public static final int DEFAULT_MAX_REJECTS_PER_FILE = 10_000;
    private int maxRejectsPerFile = DEFAULT_MAX_REJECTS_PER_FILE;
    private long rejectsKeptInFile;
    /** Streaming: lines with a timestamp before this (a closed minute) are late. */
    private long closedBefore = Long.MIN_VALUE;

    // per-file state
    private String file;
    private long fileSourceKey;
    private String fileSource;
    /** Each input file's {@link SourceId} worked out before the job (null, or a file not in it: by its first line). */
    private java.util.Map<String, Long> sourceKeys;
    /** Whether partials carry their file's name (a stream's late rows name it; a batch needs only the key). */
    private boolean namePartials = true;
    private long fileMtime;
    private LineParser parser;
    private ParserOptions parserOptions = ParserOptions.defaults();
    private String fileRegion = "";
    private int fileRegionId;
    private List<String[]> detectBuffer;
    private List<long[]> detectLineNos;
    private final TreeMap<Long, AuditRow> audit = new TreeMap<>();
    /** Unmatched request counts by "day method path-shape", bounded (see MAX_UNMATCHED_SHAPES). */
    private final Map<String, long[]> unmatched = new HashMap<>();
    static final int MAX_UNMATCHED_SHAPES = 10_000;
    private long lastDay = Long.MIN_VALUE;
    /** Non-access lines of the current file seen before its first parsed line (no date for them yet). */
    private long pendingNonAccess;
    private final List<RejectRow> pending = new ArrayList<>();

    public IngestCore(JourneyCatalog catalog, LogFormat format, DateRange range, int maxLineLength, Emitter out) {
        this.catalog = catalog;
        this.format = format;
        this.range = range;
        this.maxLineLength = maxLineLength;
        this.out = out;
        this.recentKey = new long[catalog.journeys().size()];
        this.recentAcc = new SliAccumulator[catalog.journeys().size()];
        java.util.Arrays.fill(recentKey, Long.MIN_VALUE);
    }

    private void identify(long key) {
        fileSourceKey = key;
        fileSource = SourceId.hex(key);
    }

    /** The current file's identity; a file with no line to key it by is keyed by its path (as SourceId says). */
    private String source() {
        if (fileSource == null) {
            identify(SourceId.of(file));
        }
        return fileSource;
    }

    /** The lineage identity of each input file ({@link SourceId}), by its name; files not in it are keyed by path. */
    public IngestCore sourceKeys(java.util.Map<String, Long> keys) {
        this.sourceKeys = keys;
        return this;
    }

    /** The parsers' settings (a {@link LogFormat#DECLARED} layout among them); default {@link ParserOptions#defaults()}. */
    public IngestCore parserOptions(ParserOptions options) {
        this.parserOptions = options;
        return this;
    }

    /** Partials without their file's name, only its key (a batch: ~100,000s of partials need not carry the path). */
    public IngestCore withoutPartialNames() {
        this.namePartials = false;
        return this;
    }

    /**
     * At most {@code max} rejected lines of one file are kept as rows of {@code rejects}; the others
     * are still counted ({@code rejected}) and tallied as {@code rejects_not_kept} in the audit.
     */
    public IngestCore limitRejectsPerFile(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("the reject limit must be >= 0, got " + max);
        }
        this.maxRejectsPerFile = max;
        return this;
    }

    /**
     * Streaming: the minutes that {@code watermark} closes downstream are closed here too; a line falling
     * in one is counted as late and sent to the late-events output instead of being aggregated. Flink's
     * one-minute event-time window of minute m fires (and takes nothing more) once the watermark reaches
     * its last millisecond, m + 59,999 ms: so minute m is closed when m + 60,000 <= watermark + 1, that is
     * every minute before minuteStart(watermark + 1). The boundary never moves back.
     */
    public void closeMinutesBefore(long watermark) {
        long before = watermark == Long.MAX_VALUE ? Long.MAX_VALUE : Dates.minuteStart(watermark + 1);
        closedBefore = Math.max(closedBefore, before);
    }

    /** Streaming: lines with a timestamp before this are late (Long.MIN_VALUE: none yet). */
    public long closedBefore() {
        return closedBefore;
    }

    /** Totals over everything this core has seen (for progress and the run summary). */
    public Counters counters() {
        return counters;
    }

    /** Processes one line of {@code file} (1-based {@code lineNo}). */
    public void line(String file, long fileMtime, long lineNo, String text) {
        enter(file, fileMtime);
        if (fileSourceKey == 0 && SourceId.isKeyLine(text)) {
            identify(SourceId.ofFirstLine(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (parser == null) {
            detectBuffer.add(new String[] {text});
            detectLineNos.add(new long[] {lineNo});
            if (detectBuffer.size() >= DETECT_LINES) {
                detect();
            }
            return;
        }
        process(lineNo, text);
    }

    /**
     * {@link #line(String, long, long, String)} for a line given as its UTF-8 bytes {@code b[from, to)}
     * (no terminator): the parser's byte fast path reads the plain lines that make up nearly all of
     * an access log without a string per line; every other line (another shape, a reject, the lines
     * before the format is detected) is decoded and takes the string path, with the same result.
     */
    public void line(String file, long fileMtime, long lineNo, byte[] b, int from, int to) {
        enter(file, fileMtime);
        if (fileSourceKey == 0 && SourceId.isKeyLine(b, from, to)) {
            identify(SourceId.ofFirstLine(java.util.Arrays.copyOfRange(b, from, to)));
        }
        if (parser != null && to - from <= maxLineLength && parser.parsePlain(b, from, to, pr)
                && pr.epochMillis >= MIN_TS && pr.epochMillis < MAX_TS) {
            counters.read++;
            parsed(lineNo);
            return;
        }
        line(file, fileMtime, lineNo, new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Finishes the current file and starts {@code file} when a line comes from another one. */
    private void enter(String file, long fileMtime) {
        if (!file.equals(this.file)) {
            finishFile();
            startFile(file, fileMtime);
        }
    }

    /** Ends the current file: emits its audit rows and any rejects still waiting for a date. */
    public void finishFile() {
        if (file == null) {
            return;
        }
        if (parser == null) {
            detect();
        }
        if (hasPending()) {
            long day = lastDay != Long.MIN_VALUE ? lastDay : Dates.epochDay(fileMtime);
            flushPending(day);
        }
        for (AuditRow a : audit.values()) {
            out.audit(a);
        }
        audit.clear();
        recentAudit = null;
        flushUnmatched();
        // every partial belongs to one file (its lineage: re-ingesting a file replaces just its part)
        flushPartials();
        file = null;
    }

    /** Ends the input: finishes the file and emits every open accumulator. */
    public void finishAll() {
        finishFile();
        flushPartials();
    }

    /**
     * Streaming checkpoint: emits everything held in memory — open accumulators (in minute order),
     * the audit rows so far and rejects still waiting for a date — so that nothing the source will not
     * replay is lost. The current file stays open; its later lines add new audit rows (sum them).
     */
    public void flush() {
        if (file != null && parser == null) {
            detect();
        }
        if (hasPending()) {
            flushPending(lastDay != Long.MIN_VALUE ? lastDay : Dates.epochDay(fileMtime));
        }
        for (AuditRow a : audit.values()) {
            out.audit(a);
        }
        audit.clear();
        recentAudit = null;
        flushUnmatched();
        flushPartials();
    }

    private void startFile(String f, long mtime) {
        this.file = f;
        Long key = sourceKeys == null ? null : sourceKeys.get(f);
        // batch: the identity worked out before the job; a stream: from the file's first line as it comes
        // (SourceId: the same rule, so a stream's rows and a batch's name a file alike)
        this.fileSourceKey = key != null ? key : 0;
        this.fileSource = key != null ? SourceId.hex(key) : null;
        this.fileMtime = mtime;
        this.lastDay = Long.MIN_VALUE;
        this.rejectsKeptInFile = 0;
        this.fileRegion = catalog.region().forFile(f);
        // max_regions counts per file (its partials are all out): which regions fold into (other) then depends
        // on the file only, not on the files a reader read before it, so any order of runs gives the same rows
        regionIds.clear();
        regions.clear();
        // a per-line rule gives each line its own region: the file's ("") would take one of max_regions unused
        this.fileRegionId = catalog.region().perLine() ? 0 : regionId(fileRegion);
        // the catalog's formats: rule for this file, else the run's format
        dev.sliflow.journey.FormatRule rule = catalog.formatFor(f);
        LogFormat fileFormat = rule == null ? format : rule.spec().format();
        if (fileFormat == LogFormat.AUTO) {
            parser = null;
            detectBuffer = new ArrayList<>();
            detectLineNos = new ArrayList<>();
        } else {
            parser = Parsers.forFormat(fileFormat, rule == null ? parserOptions : rule.spec().options(parserOptions.maxLineLength()));
        }
    }

    private void detect() {
        List<String> lines = new ArrayList<>(detectBuffer.size());
        for (String[] l : detectBuffer) {
            lines.add(l[0]);
        }
        LogFormat f = FormatDetector.detect(lines);
        // no format fits (a batch refuses such files before its job; a stream meets them as they land): every line
        // a reject saying so, none read as a format it is not
        parser = f == null || f == LogFormat.AUTO ? new dev.sliflow.parse.UnknownFormatParser() : Parsers.forFormat(f);
        List<String[]> buf = detectBuffer;
        List<long[]> nos = detectLineNos;
        detectBuffer = null;
        detectLineNos = null;
        for (int i = 0; i < buf.size(); i++) {
            process(nos.get(i)[0], buf.get(i)[0]);
        }
    }

    private void process(long lineNo, String text) {
        counters.read++;
        if (text.length() > maxLineLength) {
            reject(lineNo, text, "line_too_long", "line of " + text.length() + " chars exceeds the maximum of " + maxLineLength);
            return;
        }
        if (!parser.parse(text, pr)) {
            if (pr.nonAccess()) {
                nonAccess();
                return;
            }
            reject(lineNo, text, pr.reasonCode(), pr.reasonDetail() != null ? pr.reasonDetail() : pr.reasonCode());
            return;
        }
        if (pr.epochMillis < MIN_TS || pr.epochMillis >= MAX_TS) {
            reject(lineNo, text, "bad_timestamp", "timestamp outside 1990..2199");
            return;
        }
        parsed(lineNo);
    }

    /** The rest of a line's work once {@link #pr} holds its accepted fields with a timestamp in range. */
    private void parsed(long lineNo) {
        long ts = pr.epochMillis;
        if (ts - tsMinuteStart >= Dates.MINUTE_MS || ts < tsMinuteStart) {
            // another minute than the previous line's (two 64-bit divisions, skipped for the others)
            tsMinuteIdx = Math.floorDiv(ts, Dates.MINUTE_MS);
            tsMinuteStart = tsMinuteIdx * Dates.MINUTE_MS;
            tsDay = Dates.epochDay(ts);
        }
        long day = tsDay;
        if (day != lastDay) {
            lastDay = day;
            if (hasPending()) {
                flushPending(day);
            }
        }
        if (!range.contains(day)) {
            counters.outOfRange++;
            return;
        }
        AuditRow a = auditRow(day);
        a.linesRead++;
        a.parsed++;
        counters.parsed++;
        if (ts < a.firstTs) {
            a.firstTs = ts;
        }
        if (ts > a.lastTs) {
            a.lastTs = ts;
        }
        if (ts > counters.maxEventTime) {
            counters.maxEventTime = ts;
        }
        int j = catalog.match(pr.method, pr.host, pr.path);
        if (j == JourneyCatalog.EXCLUDED) {
            a.excluded++;
            counters.excluded++;
            return;
        }
        if (j == JourneyCatalog.UNMATCHED) {
            a.unmatched++;
            counters.unmatched++;
            countUnmatched(day, pr.method, pr.path);
            return;
        }
        Journey journey = catalog.journey(j);
        int regionId = fileRegionId;
        if (catalog.region().perLine()) {
            String value = catalog.region().source() == RegionRule.Source.HOST ? pr.host : pr.origin;
            regionId = regionId(catalog.region().forValue(value));
        }
        if (regionId < 0) { // a region beyond max_regions: counted under (other)
            regionId = ~regionId;
            a.regionOverflow++;
        }
        if (ts < closedBefore) {
            a.late++;
            counters.late++;
            out.late(new LateRow(file, lineNo, ts, journey.name(), regions.get(regionId), closedBefore));
            return;
        }
        a.matched++;
        counters.matched++;
        long minuteIdx = tsMinuteIdx;
        if (minuteIdx != lastMinuteIdx) {
            lastMinuteIdx = minuteIdx;
            emitMinutesAwayFrom(minuteIdx);
        }
        long key = (minuteIdx << 20) | ((long) regionId << 10) | j;
        SliAccumulator acc;
        if (recentKey[j] == key) {
            acc = recentAcc[j];
        } else {
            acc = open.get(key);
            if (acc == null) {
                if (open.size() >= MAX_OPEN) {
                    flushPartials();
                }
                // a pooled sketch keeps the widest array it ever needed: only this many open ones take
                // from the pool, so many sparse journey-minutes open at once hold small arrays
                acc = new SliAccumulator(journey.thresholdsMs(), open.size() < POOLED_OPEN_MAX ? sketches : null);
                open.put(key, acc);
            }
            recentKey[j] = key;
            recentAcc[j] = acc;
        }
        acc.add(pr.status, journey.badStatus().isBad(pr.status), pr.latencyUs);
    }

    private void countUnmatched(long day, String method, String path) {
        String key = day + " " + method + " " + UnmatchedRow.shape(path);
        long[] n = unmatched.get(key);
        if (n == null) {
            if (unmatched.size() >= MAX_UNMATCHED_SHAPES) {
                key = day + " (other) (other)"; // counted, not itemised, beyond the limit
                n = unmatched.get(key);
            }
            if (n == null) {
                n = new long[1];
                unmatched.put(key, n);
            }
        }
        n[0]++;
    }

    private void flushUnmatched() {
        for (Map.Entry<String, long[]> e : unmatched.entrySet()) {
            String[] k = e.getKey().split(" ", 3);
            UnmatchedRow u = new UnmatchedRow(java.time.LocalDate.ofEpochDay(Long.parseLong(k[0])).toString(), file, k[1],
                    k[2], e.getValue()[0]);
            u.source = source();
            out.unmatched(u);
        }
        unmatched.clear();
    }

    private AuditRow auditRow(long day) {
        if (day == recentAuditDay && recentAudit != null) {
            return recentAudit;
        }
        AuditRow a = audit.get(day);
        if (a == null) {
            a = new AuditRow(file, parser.format().cliName(), java.time.LocalDate.ofEpochDay(day).toString());
            a.source = source();
            audit.put(day, a);
        }
        recentAuditDay = day;
        recentAudit = a;
        return a;
    }

    private void reject(long lineNo, String text, String code, String reason) {
        RejectRow r = new RejectRow(file, lineNo, code == null ? "unparsable" : code, reason, Redactor.redact(text));
        r.source = source();
        if (lastDay == Long.MIN_VALUE) {
            if (pending.size() >= MAX_PENDING_REJECTS) {
                flushPending(Dates.epochDay(fileMtime));
            }
            pending.add(r);
            return;
        }
        fileReject(r, lastDay, false);
    }

    /**
     * A line that is no request (a W3C directive such as {@code #Fields:}, a server's own message): counted
     * in the audit's {@code non_access}, not a reject. Like a reject it has no timestamp of its own, so it is
     * filed under the date of the nearest parsed line of its file.
     */
    private void nonAccess() {
        if (lastDay == Long.MIN_VALUE) {
            pendingNonAccess++;
            return;
        }
        fileNonAccess(lastDay, 1);
    }

    private void fileNonAccess(long day, long n) {
        if (!range.contains(day)) {
            counters.outOfRange += n;
            return;
        }
        AuditRow a = auditRow(day);
        a.linesRead += n;
        a.nonAccess += n;
        counters.nonAccess += n;
    }

    private boolean hasPending() {
        return !pending.isEmpty() || pendingNonAccess > 0;
    }

    private void flushPending(long day) {
        boolean undated = lastDay == Long.MIN_VALUE; // no line of the file had a date: day is its modification date
        for (RejectRow r : pending) {
            fileReject(r, day, undated);
        }
        pending.clear();
        if (pendingNonAccess > 0) {
            fileNonAccess(day, pendingNonAccess);
            pendingNonAccess = 0;
        }
    }

    /**
     * Files a reject under {@code day}. Outside --from/--to it is not written; one of a file with no readable date
     * at all ({@code undated}: filed under the file's modification date) is still counted as a reject
     * ({@link Counters#undatedRejects}), never as a line outside the range: such a file must not look clean.
     */
    private void fileReject(RejectRow r, long day, boolean undated) {
        if (!range.contains(day)) {
            if (undated) {
                counters.undatedRejects++;
            } else {
                counters.outOfRange++;
            }
            return;
        }
        AuditRow a = auditRow(day);
        a.linesRead++;
        a.rejected++;
        counters.rejected++;
        if (rejectsKeptInFile >= maxRejectsPerFile) {
            a.rejectsNotKept++;
            return;
        }
        rejectsKeptInFile++;
        r.dt = a.dt;
        out.reject(r);
    }

    private void emitMinutesAwayFrom(long minuteIdx) {
        if (open.isEmpty()) {
            return;
        }
        TreeMap<Long, SliAccumulator> away = null;
        for (java.util.Iterator<Map.Entry<Long, SliAccumulator>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, SliAccumulator> e = it.next();
            long m = e.getKey() >> 20;
            if (m < minuteIdx - OPEN_MINUTES_AROUND || m > minuteIdx + OPEN_MINUTES_AROUND) {
                if (away == null) {
                    away = new TreeMap<>();
                }
                away.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        if (away != null) {
            emit(away);
            java.util.Arrays.fill(recentKey, Long.MIN_VALUE);
            java.util.Arrays.fill(recentAcc, null);
        }
    }

    private void emit(Map<Long, SliAccumulator> accs) {
        for (Map.Entry<Long, SliAccumulator> e : accs.entrySet()) {
            long key = e.getKey();
            int j = (int) (key & 1023);
            int regionId = (int) ((key >>> 10) & 1023);
            long minute = (key >> 20) * Dates.MINUTE_MS;
            SliAccumulator acc = e.getValue();
            // the key says which file; its name only travels in a stream (its late partials name the file):
            // a batch's ~100,000s of partials would each carry and decode the path for nothing
            out.partial(SliPartial.of(catalog.journey(j).name(), j, regions.get(regionId), minute, acc)
                    .from(namePartials ? file : null, source() == null ? 0 : fileSourceKey));
            acc.release(); // dropped from the open map: its sketch serves a later minute
        }
    }

    /** Emits every open accumulator, in minute order (streaming: before a watermark goes out). */
    public void flushPartials() {
        emit(new TreeMap<>(open));
        open.clear();
        java.util.Arrays.fill(recentKey, Long.MIN_VALUE);
        java.util.Arrays.fill(recentAcc, null);
    }

    /**
     * The id of a region (its index in {@link #regions}); for a region beyond the catalog's
     * {@code max_regions} distinct ones, {@code ~id} of {@link RegionRule#OTHER} (negative: the caller
     * counts the line in {@code region_overflow}). "(other)" always gets an id, past the cap if need
     * be: at most max_regions + 1 ids (≤ 1001), within the 10 bits of an accumulator's key.
     */
    private int regionId(String region) {
        Integer id = regionIds.get(region);
        if (id != null) {
            return id;
        }
        if (regions.size() < catalog.region().maxRegions()) {
            return newRegionId(region);
        }
        Integer other = regionIds.get(RegionRule.OTHER);
        return ~(other != null ? other : newRegionId(RegionRule.OTHER));
    }

    private int newRegionId(String region) {
        int id = regions.size();
        regions.add(region);
        regionIds.put(region, id);
        return id;
    }

    /**
     * Running totals. {@code read = parsed + rejected + nonAccess + outOfRange + undatedRejects}; parsed includes
     * late.
     */
    public static final class Counters {
        public long read;
        public long parsed;
        public long rejected;
        /** Lines that are no request (W3C directives, servers' own messages): in the audit's non_access. */
        public long nonAccess;
        public long matched;
        public long excluded;
        public long unmatched;
        /** Lines whose event date lies outside --from/--to (not written). */
        public long outOfRange;
        /**
         * Rejected lines of files in which no line had a readable date, filed under the file's modification date,
         * which lies outside --from/--to (not written, but rejects, not lines outside the range).
         */
        public long undatedRejects;
        /** Streaming: parsed lines whose minute was already closed (in late_events). */
        public long late;
        /** Latest parsed event time, epoch ms (Long.MIN_VALUE before the first). */
        public long maxEventTime = Long.MIN_VALUE;
    }
}
