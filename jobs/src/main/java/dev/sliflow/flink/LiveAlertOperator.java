package dev.sliflow.flink;

import dev.sliflow.backtest.AlertEvent;
import dev.sliflow.backtest.LiveAlerts;
import dev.sliflow.backtest.flink.BacktestFunction;
import dev.sliflow.backtest.table.AlertRow;
import dev.sliflow.ingest.Dates;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live multi-window burn-rate alerts on the finished minutes of a stream, with the backtest's own
 * alert rule ({@link LiveAlerts}). Minutes of all regions are summed per journey; a minute is
 * evaluated once the watermark has passed it, in minute order (so rows from several upstream
 * subtasks may arrive in any order). Runs with parallelism 1 — one row per journey and minute is
 * little work — and keeps its state (per journey the rolling windows, plus minutes waiting for the
 * watermark) in operator state, checkpointed with the job. Firings go to the {@code alerts} table
 * and to the log (WARN); resolutions to the log.
 */
public final class LiveAlertOperator extends AbstractStreamOperator<AlertRow>
        implements OneInputStreamOperator<SliMinuteRow, AlertRow> {
    private static final long serialVersionUID = 1L;
    /** Alerts are logged under sliflow's own name, so they show at the default log level. */
    private static final Logger ALERT_LOG = LoggerFactory.getLogger(LiveAlertOperator.class);

    private final SloConfig config;
    private transient State state;
    private transient ListState<byte[]> checkpointed;
    private transient Map<String, Candidate> byId;
    private transient Map<String, AlertTier> tiers;

    /** Everything this operator remembers between minutes. */
    private static final class State implements Serializable {
        private static final long serialVersionUID = 1L;
        final Map<String, LiveAlerts> live = new HashMap<>();
        final TreeMap<Long, Map<String, Sums>> pending = new TreeMap<>();
    }

    /** One journey's counts of one minute, summed over regions. */
    private static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;
        long total;
        long good;
        long withLatency;
        final Map<Integer, Long> goodLatency = new TreeMap<>();
    }

    public LiveAlertOperator(SloConfig config) {
        this.config = config;
    }

    /** Adds the live alerts to a stream of finished minutes and writes them to {@code out/alerts}. */
    public static void wire(DataStream<SliMinuteRow> minutes, SloConfig config, Path out) {
        DataStream<AlertRow> alerts = minutes
                .transform("live burn-rate alerts", TypeInformation.of(AlertRow.class), new LiveAlertOperator(config))
                .setParallelism(1).uid("live-alerts");
        Jobs.sinkByDate(alerts, out, AlertRow.SCHEMA);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("live-alerts", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        state = new State();
        if (context.isRestored()) {
            for (byte[] b : checkpointed.get()) {
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
                    state = (State) in.readObject();
                }
            }
        }
        byId = new HashMap<>();
        config.candidates().forEach(c -> byId.put(c.sloId(), c));
        tiers = new HashMap<>();
        config.tiers().forEach(t -> tiers.put(t.name(), t));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(state);
        }
        checkpointed.update(List.of(bytes.toByteArray()));
    }

    @Override
    public void processElement(StreamRecord<SliMinuteRow> element) {
        SliMinuteRow r = element.getValue();
        Sums s = state.pending.computeIfAbsent(r.minute, k -> new HashMap<>()).computeIfAbsent(r.journey, k -> new Sums());
        s.total += r.total;
        s.good += r.good;
        s.withLatency += r.withLatency;
        for (int i = 0; i < r.thresholdsMs.length; i++) {
            s.goodLatency.merge(r.thresholdsMs[i], r.goodLatency[i], Long::sum);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        while (!state.pending.isEmpty() && state.pending.firstKey() + Dates.MINUTE_MS - 1 <= mark.getTimestamp()) {
            Map.Entry<Long, Map<String, Sums>> minute = state.pending.pollFirstEntry();
            for (Map.Entry<String, Sums> e : new TreeMap<>(minute.getValue()).entrySet()) {
                evaluate(e.getKey(), minute.getKey(), e.getValue());
            }
        }
        super.processWatermark(mark);
    }

    private void evaluate(String journey, long minute, Sums s) {
        LiveAlerts live = state.live.get(journey);
        if (live == null) {
            List<Candidate> candidates = new ArrayList<>();
            for (Candidate c : config.candidates()) {
                if (c.journey().equals(journey)) {
                    candidates.add(c);
                }
            }
            if (candidates.isEmpty()) {
                return;
            }
            // like a backtest whose range starts at 00:00 UTC of the first day seen
            live = new LiveAlerts(journey, candidates, config, Math.floorDiv(minute, Dates.DAY_MS) * Dates.DAY_MS);
            state.live.put(journey, live);
        }
        for (AlertEvent ev : live.onMinute(minute, s.total, s.good, s.withLatency, s.goodLatency)) {
            if (ev.kind() == AlertEvent.Kind.FIRED) {
                AlertRow row = BacktestFunction.alert(byId.get(ev.sloId()), tiers.get(ev.tier()), ev.toFiring());
                output.collect(new StreamRecord<>(row, ev.minuteMillis()));
                ALERT_LOG.warn("ALERT {} {} FIRED at {}: burn rate {} (long) and {} (short) > {}", ev.severity(), ev.sloId() + "/"
                        + ev.tier(), Instant.ofEpochMilli(ev.minuteMillis()), fmt(ev.longBurnRate()),
                        fmt(ev.shortBurnRate()), fmt(ev.thresholdRate()));
            } else {
                ALERT_LOG.warn("ALERT {} {} resolved at {}", ev.severity(), ev.sloId() + "/" + ev.tier(),
                        Instant.ofEpochMilli(ev.minuteMillis()));
            }
        }
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.1fx", d);
    }
}
