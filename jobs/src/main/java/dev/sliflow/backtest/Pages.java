package dev.sliflow.backtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts the firings of an SLO's page tiers as pages ({@link dev.sliflow.slo.AlertPolicy#pageGap}).
 *
 * <p>Without a gap (null) every firing is a page: the SRE Workbook's count. With a gap G, firings are
 * taken in firing order; a page is open from its first firing until all of its firings have resolved
 * (its end = the latest resolution; never, when one of them is unresolved at the end of the range). A
 * firing at minute f joins the latest page when f &lt; end + G (it fired while the page was open, or less
 * than G after it resolved), else it opens a new page.
 */
final class Pages {
    private Pages() {}

    /**
     * A page by minute index of the range.
     *
     * @param firedMinute the minute of its first firing
     * @param resolvedMinute the minute it resolved (the latest resolution of its firings), −1 when still open
     *     at the end of the range
     * @param firings the firings it groups
     */
    record Page(int firedMinute, int resolvedMinute, int firings) {
        /** The end as an exclusive minute bound: the range's minute count when still open. */
        int end(int minutes) {
            return resolvedMinute < 0 ? minutes : resolvedMinute;
        }
    }

    /** The pages of {@code firings} (of page tiers, in any order) counted with {@code gap} (null: one per firing). */
    static List<Page> of(List<BurnRateAlerts.Firing> firings, Duration gap) {
        List<BurnRateAlerts.Firing> sorted = new ArrayList<>(firings);
        sorted.sort(Comparator.comparingInt(BurnRateAlerts.Firing::firedMinute));
        List<Page> pages = new ArrayList<>(sorted.size());
        if (gap == null) {
            for (BurnRateAlerts.Firing f : sorted) {
                pages.add(new Page(f.firedMinute(), f.resolvedMinute(), 1));
            }
            return pages;
        }
        long gapMinutes = gap.toMinutes();
        int fired = -1;
        int resolved = 0;
        int count = 0;
        for (BurnRateAlerts.Firing f : sorted) {
            boolean joins = count > 0 && (resolved < 0 || f.firedMinute() < resolved + gapMinutes);
            if (joins) {
                resolved = resolved < 0 || f.resolvedMinute() < 0 ? -1 : Math.max(resolved, f.resolvedMinute());
                count++;
            } else {
                if (count > 0) {
                    pages.add(new Page(fired, resolved, count));
                }
                fired = f.firedMinute();
                resolved = f.resolvedMinute();
                count = 1;
            }
        }
        if (count > 0) {
            pages.add(new Page(fired, resolved, count));
        }
        return pages;
    }
}
