package dev.sliflow.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/** An inclusive range of UTC event dates; open ends allowed. */
public final class DateRange implements Serializable {
    private static final long serialVersionUID = 1L;
    private final LocalDate from;
    private final LocalDate to;
    private final long fromDay;
    private final long toDay;

    public DateRange(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        this.from = from;
        this.to = to;
        this.fromDay = from == null ? Long.MIN_VALUE : from.toEpochDay();
        this.toDay = to == null ? Long.MAX_VALUE : to.toEpochDay();
    }

    public static DateRange all() {
        return new DateRange(null, null);
    }

    public boolean contains(long epochDay) {
        return epochDay >= fromDay && epochDay <= toDay;
    }

    public boolean bounded() {
        return from != null && to != null;
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    @Override
    public String toString() {
        return (from == null ? "-inf" : from.toString()) + ".." + (to == null ? "+inf" : to.toString());
    }
}
