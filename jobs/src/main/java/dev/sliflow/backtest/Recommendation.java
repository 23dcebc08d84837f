package dev.sliflow.backtest;

import dev.sliflow.slo.SliKind;
import java.util.List;

/**
 * The recommended target and alert policy of one journey × SLI × threshold (a row of {@code slo_recommendation}).
 *
 * @param thresholdMs 0 for availability
 * @param target the recommended target: the tightest qualifying option, or the loosest option when none
 *     qualifies
 * @param sloId the recommended candidate's id
 * @param baseline the SLI over the whole range (events, maintenance excluded)
 * @param qualifies whether the recommended option qualifies
 * @param reason why it does not qualify ("" when it does)
 * @param evidence one line for humans, e.g. "99.5% with alert policy pager: paged for both known incidents
 *     within 6 min; 1 other page a month; 0 freeze days a quarter; 99.9% would cost 4 freeze days a quarter
 *     and 3 other pages a month (history achieved 99.93%)"
 * @param options every option of the group (primary window and budgeting) × alert policy, loosest target
 *     first, then in policy order
 * @param policy the alert policy recommended with the target
 * @param quality how that policy would have paged for the recommended candidate
 */
public record Recommendation(String journey, SliKind sli, int thresholdMs, double target, String sloId,
        double baseline, double worstAttainment, int maxFreezeDaysPerQuarter, int maxPagesPerMonth, int totalPages,
        int totalFreezeDays, boolean qualifies, String reason, String evidence, List<RecommendationOption> options,
        String policy, AlertQuality quality) {}
