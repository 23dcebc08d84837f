package dev.sliflow.slo;

import java.io.Serializable;
import java.util.List;

/**
 * A contractual availability target per calendar month with service-credit tiers, e.g. below 99.9%
 * → 10% credit, below 99% → 25%.
 */
public record Sla(String journey, double target, List<CreditTier> credits) implements Serializable {
    /** Attainment below {@code below} earns {@code credit} (a share of the monthly fee). */
    public record CreditTier(double below, double credit) implements Serializable {}

    /** The credit for a month's attainment: the largest credit whose threshold the attainment is below. */
    public double creditFor(double attainment) {
        double c = 0;
        for (CreditTier t : credits) {
            if (attainment < t.below() && t.credit() > c) {
                c = t.credit();
            }
        }
        return c;
    }
}
