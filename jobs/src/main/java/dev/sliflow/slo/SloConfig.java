package dev.sliflow.slo;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a backtest evaluates: the candidates (already expanded: one per journey × SLI ×
 * threshold × target × window × budgeting), the alert tiers, the error-budget policy, maintenance
 * windows, recommendation limits, SLAs, the alert policies searched (the first one is the one the
 * {@code alerts}, {@code slo_daily} and {@code slo_summary} tables and live alerting report) and the known
 * incidents alerting is scored against.
 *
 * @param alertPolicies at least one; null means {@link AlertPolicy#sreWorkbook()} alone
 * @param incidents null means none
 * @param source file name(s) it was loaded from, for messages
 */
public record SloConfig(List<Candidate> candidates, List<AlertTier> tiers, Policy policy,
        List<Maintenance> maintenance, Recommend recommend, List<Sla> slas, List<AlertPolicy> alertPolicies,
        List<Incident> incidents, String source) implements Serializable {

    /** A configuration with the SRE Workbook policy alone and no incident. */
    public SloConfig(List<Candidate> candidates, List<AlertTier> tiers, Policy policy, List<Maintenance> maintenance,
            Recommend recommend, List<Sla> slas, String source) {
        this(candidates, tiers, policy, maintenance, recommend, slas, List.of(AlertPolicy.sreWorkbook()), List.of(),
                source);
    }

    /** The alert policies searched, the reported one first (never empty). */
    public List<AlertPolicy> policiesOrDefault() {
        return alertPolicies == null || alertPolicies.isEmpty() ? List.of(AlertPolicy.sreWorkbook()) : alertPolicies;
    }

    /** The policy of the {@code alerts}, {@code slo_daily} and {@code slo_summary} tables and of live alerts. */
    public AlertPolicy reportedPolicy() {
        return policiesOrDefault().get(0);
    }

    /** The known incidents (never null). */
    public List<Incident> incidentsOrNone() {
        return incidents == null ? List.of() : incidents;
    }

    /** This configuration with other alert policies. */
    public SloConfig withAlertPolicies(List<AlertPolicy> policies) {
        return new SloConfig(candidates, tiers, policy, maintenance, recommend, slas, policies, incidents, source);
    }

    /** This configuration with other incidents. */
    public SloConfig withIncidents(List<Incident> known) {
        return new SloConfig(candidates, tiers, policy, maintenance, recommend, slas, alertPolicies, known, source);
    }
}
