package dev.sliflow.gen;

/** Region names and traffic shapes used when {@link GeneratorConfig#regions()} &gt; 0. */
public final class Regions {
    private Regions() {}

    public static final String[] NAMES = {"us-east-1", "eu-west-1", "ap-southeast-1", "us-west-2", "sa-east-1"};
    /** Share of the daily traffic of each region (renormalised over the regions in use). */
    static final double[] SHARE = {0.40, 0.30, 0.15, 0.10, 0.05};
    /** UTC hour of each region's daily peak. */
    static final double[] PEAK_HOUR_UTC = {19.0, 14.0, 6.0, 22.0, 18.0};
    /** Peak hour when the generator runs without regions: afternoon UTC. */
    static final double DEFAULT_PEAK_HOUR_UTC = 15.0;
}
