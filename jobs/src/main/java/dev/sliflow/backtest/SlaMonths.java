package dev.sliflow.backtest;

import dev.sliflow.slo.Sla;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * SLA outcomes per calendar month: for each SLA of the journey and each month lying wholly inside the
 * range, availability over events (maintenance excluded), breached when below the target, and the
 * credit it earns. Partial months at either end of the range are skipped.
 */
final class SlaMonths {
    private SlaMonths() {}

    static List<SlaMonth> evaluate(JourneyMinutes data, SliSeries availability, List<Sla> slas) {
        List<SlaMonth> out = new ArrayList<>();
        LocalDate first = data.firstDay();
        LocalDate last = first.plusDays(data.days() - 1L);
        for (Sla sla : slas) {
            if (!data.journey().equals(sla.journey())) {
                continue;
            }
            YearMonth month = first.getDayOfMonth() == 1 ? YearMonth.from(first) : YearMonth.from(first).plusMonths(1);
            for (; !month.atEndOfMonth().isAfter(last); month = month.plusMonths(1)) {
                int from = minuteOf(first, month.atDay(1));
                int to = minuteOf(first, month.atEndOfMonth().plusDays(1));
                long valid = availability.valid(from, to);
                double attainment = valid == 0 ? 1.0 : (double) (valid - availability.bad(from, to)) / valid;
                out.add(new SlaMonth(data.journey(), month.toString(), sla.target(), attainment,
                        attainment < sla.target(), sla.creditFor(attainment)));
            }
        }
        return out;
    }

    private static int minuteOf(LocalDate first, LocalDate day) {
        return (int) (day.toEpochDay() - first.toEpochDay()) * JourneyMinutes.MINUTES_PER_DAY;
    }
}
