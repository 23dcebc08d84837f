package dev.sliflow.slo;

import java.io.Serializable;

/** Limits a recommended target must respect over the backtested history. */
public record Recommend(int maxFreezeDaysPerQuarter, int maxPagesPerMonth) implements Serializable {
    public static Recommend defaults() {
        return new Recommend(7, 2);
    }
}
