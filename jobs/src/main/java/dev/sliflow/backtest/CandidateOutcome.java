package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One candidate's daily rows and alert firings, and what is derived from them. */
record CandidateOutcome(Candidate candidate, List<DailyResult> daily, List<AlertFiring> alerts) {

    CandidateSummary summary() {
        int met = 0;
        int healthy = 0;
        int alert = 0;
        int pause = 0;
        int freeze = 0;
        double worst = Double.NaN;
        Map<String, Double> monthEnd = new LinkedHashMap<>();
        for (DailyResult d : daily) {
            met += d.met() ? 1 : 0;
            worst = Double.isNaN(worst) ? d.attainment() : Math.min(worst, d.attainment());
            switch (d.policyState()) {
                case "healthy" -> healthy++;
                case "alert" -> alert++;
                case "pause" -> pause++;
                case "freeze" -> freeze++;
                default -> throw new IllegalStateException("unknown policy state " + d.policyState());
            }
            monthEnd.put(Windows.monthKey(d.day()), d.budgetRemaining()); // days ascend: the last one wins
        }
        int pages = (int) alerts.stream().filter(AlertFiring::isPage).count();
        int tickets = (int) alerts.stream().filter(AlertFiring::isTicket).count();
        return new CandidateSummary(candidate, daily.size(), met, worst, healthy, alert, pause, freeze, pages, tickets,
                java.util.Collections.unmodifiableMap(monthEnd));
    }

    /** Freeze days per calendar quarter ("2026-Q1"), only quarters with a freeze day. */
    Map<String, Integer> freezeDaysByQuarter() {
        Map<String, Integer> byQuarter = new LinkedHashMap<>();
        for (DailyResult d : daily) {
            if ("freeze".equals(d.policyState())) {
                byQuarter.merge(Windows.quarterKey(d.day()), 1, Integer::sum);
            }
        }
        return byQuarter;
    }

    /** Pages per calendar month ("2026-03") of their fired-at minute, only months with a page. */
    Map<String, Integer> pagesByMonth() {
        Map<String, Integer> byMonth = new LinkedHashMap<>();
        for (AlertFiring a : alerts) {
            if (a.isPage()) {
                byMonth.merge(Windows.monthKey(Windows.dayOf(a.firedAtMillis())), 1, Integer::sum);
            }
        }
        return byMonth;
    }
}
