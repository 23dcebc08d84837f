package dev.sliflow.rollup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Performance check (not a unit test): the rollup step alone ({@link SliRollups#write}) over every
 * date of an ingest's {@code sli_minute}, written into a scratch folder, {@code rounds} times.
 *
 * <pre>java -cp target/classes:target/test-classes:… dev.sliflow.rollup.SliRollupsBench OUT [rounds]</pre>
 */
public final class SliRollupsBench {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Set<String> dates = new TreeSet<>();
        try (Stream<Path> s = Files.list(out.resolve("sli_minute"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dt=")).forEach(n -> dates.add(n.substring(3)));
        }
        for (int i = 0; i < rounds; i++) {
            Path scratch = Files.createTempDirectory("sliflow-rollup-bench");
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            SliRollups.Written w = SliRollups.write(new org.apache.flink.core.fs.Path(out.resolve("sli_minute").toUri()),
                    new org.apache.flink.core.fs.Path(scratch.toUri()), dates);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf("round %d: %.3f s (process CPU %.3f s) for %d dates, %,d minute rows -> %,d hour rows, %,d day rows%n",
                    i + 1, s, cpu,
                    w.dates(), w.minuteRows(), w.hourRows(), w.dayRows());
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
