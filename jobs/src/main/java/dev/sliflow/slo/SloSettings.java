package dev.sliflow.slo;

import dev.sliflow.config.YamlNode;
import java.util.List;

/**
 * The settings of one sliflow YAML file (each null when the file does not set it), merged across
 * files: the first file that sets a setting wins, and a second file setting it differently is an error.
 */
record SloSettings(Setting<List<AlertTier>> alerting, Setting<Policy> policy, Setting<List<Maintenance>> maintenance,
        Setting<Recommend> recommend, Setting<List<Sla>> sla, Setting<List<AlertPolicy>> alertPolicies,
        Setting<List<Incident>> incidents) {

    /** A value with the node that set it. */
    record Setting<T>(T value, YamlNode node) {}

    static final SloSettings NONE = new SloSettings(null, null, null, null, null, null, null);

    SloSettings merge(SloSettings next) {
        return new SloSettings(pick(alerting, next.alerting), pick(policy, next.policy),
                pick(maintenance, next.maintenance), pick(recommend, next.recommend), pick(sla, next.sla),
                pick(alertPolicies, next.alertPolicies), pick(incidents, next.incidents));
    }

    List<AlertTier> tiersOrDefault() {
        return alerting == null ? AlertTier.sreWorkbook() : alerting.value();
    }

    Policy policyOrDefault() {
        return policy == null ? Policy.defaults() : policy.value();
    }

    List<Maintenance> maintenanceOrNone() {
        return maintenance == null ? List.of() : maintenance.value();
    }

    Recommend recommendOrDefault() {
        return recommend == null ? Recommend.defaults() : recommend.value();
    }

    List<Sla> slasOrNone() {
        return sla == null ? List.of() : sla.value();
    }

    List<AlertPolicy> alertPoliciesOrDefault() {
        return alertPolicies == null ? AlertPolicy.defaults() : alertPolicies.value();
    }

    List<Incident> incidentsOrNone() {
        return incidents == null ? List.of() : incidents.value();
    }

    private static <T> Setting<T> pick(Setting<T> first, Setting<T> next) {
        if (first == null) {
            return next;
        }
        if (next != null && !next.value().equals(first.value())) {
            throw next.node().error("conflicts with the setting in " + first.node().file() + ":" + first.node().line()
                    + " (set it in one file only)");
        }
        return first;
    }
}
