package dev.sliflow.slo;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A named alert policy: how the alert tiers of the configuration are applied to a candidate SLO and how
 * their firings are counted as pages. The backtest evaluates every policy of the configuration for every
 * candidate ({@code alert_quality}) and recommends a target together with a policy.
 *
 * <ul>
 *   <li><b>{@code minBadEvents}</b>, <b>{@code minValidEvents}</b>: a <em>page</em> tier's condition also
 *       needs at least this many bad (and valid) events in its long window (0: no minimum). A journey of a
 *       few requests a minute otherwise pages on a single error: 1 bad of 5 in a 5-minute window is a burn
 *       rate of 200 at 99.9% (the SRE Workbook's low-traffic problem). Ticket tiers are not gated.
 *   <li><b>{@code windowScale}</b>: every tier's long and short windows are this many times longer (1: as
 *       the tier says), at the same burn rate — the Workbook's "longer windows" for low traffic; the tier
 *       then consumes that many times the budget share before firing.
 *   <li><b>{@code pageGap}</b>: null counts every firing of a page tier as one page (the SRE Workbook's
 *       exact behaviour, the {@code alerts} table's firings). Otherwise pages are counted as a pager does:
 *       a firing of any page tier of the SLO (candidate × policy) while a page of it is still open (some
 *       of its firings unresolved), or at a minute less than {@code pageGap} after that page resolved, is
 *       the same page ({@code 0m}: only while open).
 * </ul>
 *
 * @param name unique within a configuration, e.g. "sre-workbook"
 */
public record AlertPolicy(String name, long minBadEvents, long minValidEvents, Duration pageGap, int windowScale)
        implements Serializable {

    public AlertPolicy {
        if (minBadEvents < 0 || minValidEvents < 0 || windowScale < 1 || pageGap != null && pageGap.isNegative()) {
            throw new IllegalArgumentException("alert policy " + name + ": negative minimum or gap, or window scale < 1");
        }
    }

    /** The SRE Workbook exactly: the tiers as they are, every page-tier firing a page. */
    public static AlertPolicy sreWorkbook() {
        return new AlertPolicy("sre-workbook", 0, 0, null, 1);
    }

    /**
     * The policies searched when the configuration lists none, the first one (the SRE Workbook) being the
     * one {@code alerts}, {@code slo_daily} and {@code slo_summary} report:
     * <ol>
     *   <li>{@code sre-workbook}: {@link #sreWorkbook()};
     *   <li>{@code pager}: firings within an open page or less than 1 hour after it resolved are that page;
     *   <li>{@code low-traffic}: as {@code pager}, and a page tier needs at least 10 bad events in its long
     *       window;
     *   <li>{@code low-traffic-long}: as {@code low-traffic} with windows 4 times longer.
     * </ol>
     */
    public static List<AlertPolicy> defaults() {
        Duration hour = Duration.ofHours(1);
        return List.of(sreWorkbook(), new AlertPolicy("pager", 0, 0, hour, 1),
                new AlertPolicy("low-traffic", 10, 0, hour, 1), new AlertPolicy("low-traffic-long", 10, 0, hour, 4));
    }

    /** Whether firings are grouped into pages (a {@code pageGap} is set). */
    public boolean groupsPages() {
        return pageGap != null;
    }

    /** The tier as this policy applies it to an SLO window of {@code periodDays}. */
    public AlertTier apply(AlertTier tier, int periodDays) {
        return tier.forPeriod(periodDays).scaled(windowScale);
    }

    /** The minimum bad events in the long window for {@code tier} (0 for tickets). */
    public long minBadFor(AlertTier tier) {
        return tier.isPage() ? minBadEvents : 0;
    }

    /** The minimum valid events in the long window for {@code tier} (0 for tickets). */
    public long minValidFor(AlertTier tier) {
        return tier.isPage() ? minValidEvents : 0;
    }
}
