package dev.sliflow.report;

import dev.sliflow.report.ReportData.Alerts;
import dev.sliflow.report.ReportData.Daily;
import dev.sliflow.report.ReportData.Slo;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one candidate target of a recommendation group would have cost, counted as the recommender
 * counts it: freeze days per calendar quarter of {@code slo_daily}, pages per calendar month of their
 * firing.
 */
record TargetOption(Slo slo, double worstAttainment, int maxFreezeDaysPerQuarter, int maxPagesPerMonth,
        int freezeDays, int pages) {

    /** The costs of {@code slo} from its daily rows and alert counts. */
    static TargetOption of(Slo slo, List<Daily> daily, List<Alerts> alerts) {
        Map<String, Integer> freeze = new HashMap<>();
        double worst = Double.NaN;
        for (Daily d : daily) {
            if ("freeze".equals(d.policyState())) {
                freeze.merge(d.day().getYear() + "Q" + ((d.day().getMonthValue() - 1) / 3), 1, Integer::sum);
            }
            worst = Double.isNaN(worst) ? d.attainment() : Math.min(worst, d.attainment());
        }
        Map<String, Integer> pages = new HashMap<>();
        for (Alerts a : alerts) {
            if ("page".equals(a.severity())) {
                LocalDate day = a.hour().atZone(ZoneOffset.UTC).toLocalDate();
                pages.merge(day.getYear() + "-" + day.getMonthValue(), a.count(), Integer::sum);
            }
        }
        return new TargetOption(slo, worst, max(freeze), max(pages), sum(freeze), sum(pages));
    }

    private static int max(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static int sum(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }
}
