package dev.sliflow.slo;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a backtest evaluates: the candidates (already expanded: one per journey × SLI ×
 * threshold × target × window × budgeting), the alert tiers, the error-budget policy, maintenance
 * windows, recommendation limits and SLAs.
 *
 * @param source file name(s) it was loaded from, for messages
 */
public record SloConfig(List<Candidate> candidates, List<AlertTier> tiers, Policy policy,
        List<Maintenance> maintenance, Recommend recommend, List<Sla> slas, String source) implements Serializable {}
