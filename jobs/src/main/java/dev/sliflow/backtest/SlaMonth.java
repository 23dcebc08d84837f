package dev.sliflow.backtest;

/**
 * An SLA's outcome for one calendar month lying wholly inside the backtested range: availability over
 * events, maintenance minutes excluded.
 *
 * @param month "YYYY-MM"
 * @param attainment good / valid over the month (1 when there was no valid event)
 * @param breached attainment &lt; target
 * @param credit {@link dev.sliflow.slo.Sla#creditFor(double)} of the attainment
 */
public record SlaMonth(String journey, String month, double target, double attainment, boolean breached,
        double credit) {}
