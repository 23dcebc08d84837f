package dev.sliflow.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * One inline SVG chart over a UTC time axis: background bands, dashed reference lines, line series
 * and marker series, with an accessible {@code <title>}, labelled axes with ticks and a legend. Every
 * series carries {@code data-series} and {@code data-points}; the {@code <svg>} carries
 * {@code data-chart} and the total {@code data-points}, so tests can check a chart has data.
 */
final class SvgChart {
    static final int WIDTH = 660;
    private static final int LEFT = 104;
    private static final int RIGHT = 52;
    private static final int BOTTOM = 40;
    private static final long DAY = 86_400_000L;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A data point: UTC epoch millis, value in data units, optional tooltip ("" for none). */
    record Point(long t, double y, String tip) {
        Point(long t, double y) {
            this(t, y, "");
        }
    }

    /** A labelled tick of the value axis, in data units. */
    record Tick(double value, String label) {}

    /**
     * The value axis: {@code scale} maps data units to plot units, {@code min} and {@code max} are in
     * plot units (values beyond are drawn at the edge).
     */
    record Axis(String label, DoubleUnaryOperator scale, double min, double max, List<Tick> ticks) {}

    private record Band(double from, double to, String color, String name) {}

    private record Reference(double value, String color, String label) {}

    private record Series(String name, String color, List<Point> points, Style style) {}

    private enum Style { LINE, LINE_DOTS, CIRCLES, SQUARES }

    private final String kind;
    private final String title;
    private final Axis axis;
    private final long t0;
    private final long t1;
    private final int plotHeight;
    private final List<Band> bands = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private int top;

    /** A chart of {@code plotHeight} pixels of plot area over [{@code t0}, {@code t1}] (epoch millis). */
    SvgChart(String kind, String title, Axis axis, long t0, long t1, int plotHeight) {
        this.kind = kind;
        this.title = title;
        this.axis = axis;
        this.t0 = t0;
        this.t1 = Math.max(t1, t0 + 1);
        this.plotHeight = plotHeight;
    }

    /** A shaded band between two values, named in the legend. */
    SvgChart band(double from, double to, String color, String name) {
        bands.add(new Band(from, to, color, name));
        return this;
    }

    /** A dashed horizontal reference line, labelled at its right end. */
    SvgChart reference(double value, String color, String label) {
        references.add(new Reference(value, color, label));
        return this;
    }

    /** A line series; with {@code dots}, each point is also a dot with its tooltip. */
    SvgChart line(String name, String color, List<Point> pts, boolean dots) {
        series.add(new Series(name, color, pts, dots ? Style.LINE_DOTS : Style.LINE));
        return this;
    }

    /** A marker series (circles or squares), each marker with its tooltip. */
    SvgChart markers(String name, String color, boolean square, List<Point> pts) {
        series.add(new Series(name, color, pts, square ? Style.SQUARES : Style.CIRCLES));
        return this;
    }

    /** The chart as an {@code <svg>} element with the given element id. */
    String render(String id) {
        StringBuilder legend = new StringBuilder();
        int rows = legend(legend);
        top = 30 + 16 * rows;
        int height = top + plotHeight + BOTTOM;
        int points = series.stream().mapToInt(x -> x.points().size()).sum();
        StringBuilder s = new StringBuilder();
        s.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" aria-labelledby=\"").append(id)
                .append("-t\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" data-chart=\"").append(kind).append("\" data-points=\"")
                .append(points).append("\">");
        s.append("<title id=\"").append(id).append("-t\">").append(Html.esc(title)).append("</title>");
        s.append("<text x=\"8\" y=\"16\" class=\"ct\">").append(Html.esc(title)).append("</text>");
        s.append(legend);
        for (Band b : bands) {
            double ya = y(b.from());
            double yb = y(b.to());
            s.append(String.format(Locale.ROOT, "<rect data-band=\"%s\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>",
                    Html.esc(b.name()), LEFT, Math.min(ya, yb), plotWidth(), Math.abs(ya - yb), b.color()));
        }
        axes(s);
        for (Reference r : references) {
            double yy = y(r.value());
            s.append(String.format(Locale.ROOT, "<line data-ref=\"%s\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"%s\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/><text x=\"%d\" y=\"%.1f\" class=\"rl\">%s</text>",
                    Html.esc(r.label()), LEFT, LEFT + plotWidth(), yy, yy, r.color(), LEFT + plotWidth() + 4, yy + 4,
                    Html.esc(r.label())));
        }
        for (Series x : series) {
            series(s, x);
        }
        if (points == 0) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"nd\">no data</text>", LEFT + plotWidth() / 2 - 24,
                    top + plotHeight / 2));
        }
        return s.append("</svg>").toString();
    }

    private void series(StringBuilder s, Series x) {
        s.append("<g data-series=\"").append(Html.esc(x.name())).append("\" data-points=\"").append(x.points().size()).append("\">");
        if (x.style() == Style.LINE || x.style() == Style.LINE_DOTS) {
            StringBuilder d = new StringBuilder();
            for (Point p : x.points()) {
                d.append(d.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x(p.t()), y(p.y())));
            }
            s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(x.color()).append("\" stroke-width=\"1.8\"/>");
        }
        if (x.style() != Style.LINE) {
            for (Point p : x.points()) {
                s.append(marker(x.style(), x(p.t()), y(p.y()), x.color())).append("<title>").append(Html.esc(p.tip()))
                        .append("</title></").append(x.style() == Style.SQUARES ? "rect" : "circle").append('>');
            }
        }
        s.append("</g>");
    }

    private static String marker(Style style, double cx, double cy, String color) {
        return switch (style) {
            case SQUARES -> String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"%s\">", cx - 3.5, cy - 3.5, color);
            case CIRCLES -> String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" fill-opacity=\"0.8\">", cx, cy, color);
            default -> String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%s\">", cx, cy, color);
        };
    }

    private void axes(StringBuilder s) {
        int bottom = top + plotHeight;
        s.append(String.format(Locale.ROOT, "<g class=\"axis\"><line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/><line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>",
                LEFT, LEFT + plotWidth(), bottom, bottom, LEFT, LEFT, top, bottom));
        for (Tick t : axis.ticks()) {
            double yy = y(t.value());
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, LEFT + plotWidth(), yy, yy, LEFT - 6, yy + 4,
                    Html.esc(t.label())));
        }
        long days = Math.max(1, (t1 - t0) / DAY);
        long step = DAY * Math.max(1, (days + 9) / 10);
        for (long t = (t0 + DAY - 1) / DAY * DAY; t <= t1; t += step) {
            double xx = x(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    xx, xx, bottom, bottom + 5, xx, bottom + 18, TICK.format(Instant.ofEpochMilli(t))));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"al\">time (UTC)</text>",
                LEFT + plotWidth() / 2, bottom + 34));
        s.append(String.format(Locale.ROOT, "<text class=\"al\" text-anchor=\"middle\" transform=\"translate(14 %d) rotate(-90)\">%s</text></g>",
                top + plotHeight / 2, Html.esc(axis.label())));
    }

    /** Appends the legend (bands, then series) in rows below the title; returns the number of rows. */
    private int legend(StringBuilder s) {
        List<String[]> items = new ArrayList<>();
        for (Band b : bands) {
            items.add(new String[] {"<rect x=\"0\" y=\"-8\" width=\"14\" height=\"10\" fill=\"" + b.color() + "\" stroke=\"#bbb\"/>", b.name()});
        }
        for (Series x : series) {
            String shape = x.style() == Style.LINE || x.style() == Style.LINE_DOTS
                    ? "<line x1=\"0\" x2=\"14\" y1=\"-3\" y2=\"-3\" stroke=\"" + x.color() + "\" stroke-width=\"2.5\"/>"
                    : marker(x.style(), 7, -3, x.color()) + "</" + (x.style() == Style.SQUARES ? "rect" : "circle") + ">";
            items.add(new String[] {shape, x.name()});
        }
        double lx = 8;
        int rows = items.isEmpty() ? 0 : 1;
        s.append("<g class=\"legend\">");
        for (String[] item : items) {
            double w = 30 + 6.2 * item[1].length();
            if (lx + w > WIDTH && lx > 8) {
                lx = 8;
                rows++;
            }
            s.append(String.format(Locale.ROOT, "<g transform=\"translate(%.1f %d)\">", lx, 20 + 16 * rows)).append(item[0])
                    .append("<text x=\"18\" y=\"1\">").append(Html.esc(item[1])).append("</text></g>");
            lx += w;
        }
        s.append("</g>");
        return rows;
    }

    private int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private double x(long t) {
        return LEFT + (double) (t - t0) / (t1 - t0) * plotWidth();
    }

    private double y(double value) {
        double v = axis.scale().applyAsDouble(value);
        v = Double.isNaN(v) ? axis.min() : Math.max(axis.min(), Math.min(axis.max(), v));
        return top + plotHeight - (v - axis.min()) / (axis.max() - axis.min()) * plotHeight;
    }
}
