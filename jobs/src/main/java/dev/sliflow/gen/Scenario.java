package dev.sliflow.gen;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** The incidents and the maintenance window injected into a generated range, planned from the seed. */
public final class Scenario {

    /** Kinds of injected events. */
    public enum Kind {
        ERROR_BURST, LATENCY_REGRESSION, OUTAGE, MAINTENANCE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One injected event affecting one journey in [startMicros, endMicros) (epoch microseconds, UTC).
     *
     * @param errorRate     share of the journey's requests that fail (1.0 for outage/maintenance)
     * @param statuses      statuses of the failed requests, chosen uniformly
     * @param latencyFactor multiplier on the journey's latency (1.0 = unchanged)
     */
    public record Incident(String id, Kind kind, int journey, long startMicros, long endMicros,
                           double errorRate, int[] statuses, double latencyFactor) {
        public String journeyName() {
            return Catalog.JOURNEYS.get(journey).name();
        }
    }

    private final List<Incident> incidents;
    private final Incident maintenance;

    private Scenario(List<Incident> incidents, Incident maintenance) {
        this.incidents = incidents;
        this.maintenance = maintenance;
    }

    /** Incidents (without the maintenance window), ordered by start. */
    public List<Incident> incidents() {
        return incidents;
    }

    public Incident maintenance() {
        return maintenance;
    }

    /** Incidents and the maintenance window. */
    public List<Incident> all() {
        List<Incident> all = new ArrayList<>(incidents);
        all.add(maintenance);
        all.sort(Comparator.comparingLong(Incident::startMicros));
        return all;
    }

    static long micros(LocalDate day, int minuteOfDay) {
        return (day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + minuteOfDay * 60L) * 1_000_000L;
    }

    public static Scenario plan(GeneratorConfig cfg) {
        SplittableRandom r = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + 0x5CE7A210L);
        int d = cfg.days();
        LocalDate s = cfg.start();
        List<Incident> list = new ArrayList<>();
        int login = Catalog.indexOf("login");
        int checkout = Catalog.indexOf("checkout");
        int search = Catalog.indexOf("search");

        // The three headline incidents, spread over the range (all inside even a 1-day range).
        int outageDay = d / 2;
        int burstDay = d >= 2 ? d - 1 : 0;
        int regressionDay = d >= 3 ? 0 : 0;
        int om = 13 * 60 + r.nextInt(4 * 60);                         // 13:00..16:59
        list.add(new Incident(null, Kind.OUTAGE, login, micros(s.plusDays(outageDay), om),
                micros(s.plusDays(outageDay), om + 15), 1.0, new int[] {503}, 1.0));
        int bm = 18 * 60 + r.nextInt(2 * 60);                         // 18:00..19:59
        int bdur = 20 + r.nextInt(21);                                // 20..40 min
        double brate = round3(0.30 + 0.30 * r.nextDouble());          // 30..60 % 5xx
        list.add(new Incident(null, Kind.ERROR_BURST, checkout, micros(s.plusDays(burstDay), bm),
                micros(s.plusDays(burstDay), bm + bdur), brate, new int[] {500, 502}, 1.0));
        int rm = 9 * 60 + r.nextInt(2 * 60);                          // 09:00..10:59
        int rdur = (2 + r.nextInt(3)) * 60;                           // 2..4 h
        list.add(new Incident(null, Kind.LATENCY_REGRESSION, search, micros(s.plusDays(regressionDay), rm),
                micros(s.plusDays(regressionDay), rm + rdur), 0.0, new int[0], 5.0));

        // Longer ranges: one more random incident per week.
        int extra = d / 7;
        for (int i = 0, attempts = 0; i < extra && attempts < 1000; attempts++) {
            int j = r.nextInt(Catalog.JOURNEYS.size());
            LocalDate day = s.plusDays(r.nextInt(d));
            int start = r.nextInt(24 * 60 - 300);
            double k = r.nextDouble();
            Incident inc;
            if (k < 0.5) {
                int dur = 10 + r.nextInt(51);
                inc = new Incident(null, Kind.ERROR_BURST, j, micros(day, start), micros(day, start + dur),
                        round3(0.10 + 0.50 * r.nextDouble()), new int[] {500, 502, 504}, 1.0);
            } else if (k < 0.8) {
                int dur = 60 + r.nextInt(181);
                inc = new Incident(null, Kind.LATENCY_REGRESSION, j, micros(day, start), micros(day, start + dur),
                        0.0, new int[0], round3(2.0 + 4.0 * r.nextDouble()));
            } else {
                int dur = 5 + r.nextInt(16);
                inc = new Incident(null, Kind.OUTAGE, j, micros(day, start), micros(day, start + dur),
                        1.0, new int[] {503}, 1.0);
            }
            if (overlaps(list, inc)) continue;
            list.add(inc);
            i++;
        }

        // Maintenance: 1 h at 02:00 on the first Sunday of the range (day 0 when there is none);
        // checkout returns 503 throughout.
        LocalDate mday = s;
        for (int i = 0; i < Math.min(d, 7); i++) {
            if (s.plusDays(i).getDayOfWeek() == DayOfWeek.SUNDAY) {
                mday = s.plusDays(i);
                break;
            }
        }
        Incident maint = new Incident("maintenance-1", Kind.MAINTENANCE, checkout, micros(mday, 120),
                micros(mday, 180), 1.0, new int[] {503}, 1.0);
        if (overlaps(list, maint)) {
            list.removeIf(x -> x.journey() == maint.journey() && x.startMicros() < maint.endMicros()
                    && maint.startMicros() < x.endMicros());
        }

        list.sort(Comparator.comparingLong(Incident::startMicros));
        List<Incident> named = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Incident x = list.get(i);
            named.add(new Incident("incident-" + (i + 1), x.kind(), x.journey(), x.startMicros(), x.endMicros(),
                    x.errorRate(), x.statuses(), x.latencyFactor()));
        }
        return new Scenario(Collections.unmodifiableList(named), maint);
    }

    private static boolean overlaps(List<Incident> list, Incident inc) {
        for (Incident x : list) {
            if (x.journey() == inc.journey() && x.startMicros() < inc.endMicros() + 3_600_000_000L
                    && inc.startMicros() < x.endMicros() + 3_600_000_000L) {
                return true;
            }
        }
        return false;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
