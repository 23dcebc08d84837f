package dev.sliflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@code sliflow} commands (and other Java programs) in fresh JVMs and measures them: wall
 * clock (JVM start included) and peak resident memory. The one place that decides how a benchmark
 * launches sliflow, so that it runs exactly what {@code ./sliflow} runs: the same JVM options
 * ({@code jobs/jvm.options}, then {@code SLIFLOW_JAVA_OPTS}) and the same jar ({@code -jar
 * target/sliflow.jar} when the system property {@code sliflow.jar} names it or this JVM runs from a
 * jar; otherwise this JVM's class path, as in tests).
 */
public final class SliflowProcess {
    /** The JVM options file, relative to the sliflow home (the repository). */
    public static final String JVM_OPTIONS_FILE = "jobs/jvm.options";
    private static final Pattern PEAK_RSS = Pattern.compile("peak RSS ([\\d,]+) MiB");

    private SliflowProcess() {}

    /** A finished child process. */
    public record Run(String output, double seconds, long peakRssMiB, int exitCode) {
        /** The first group of {@code regex} in the output, or null. */
        public String find(String regex) {
            Matcher m = Pattern.compile(regex).matcher(output);
            return m.find() ? m.group(1) : null;
        }
    }

    /** The repository folder: {@code $SLIFLOW_HOME} (set by the launcher), else {@code -Dsliflow.repo}, else ".". */
    public static Path home() {
        String h = System.getenv("SLIFLOW_HOME");
        if (h == null || h.isBlank()) {
            h = System.getProperty("sliflow.repo", ".");
        }
        return Path.of(h);
    }

    /** A line of {@code jobs/jvm.options} for one command only: {@code ingest: -XX:…}. */
    private static final Pattern GC = Pattern.compile("-XX:\\+Use[A-Za-z0-9]+GC");
    private static final Pattern FOR_COMMAND = Pattern.compile("^\\s*([a-z]+):(.*)$");

    /**
     * The JVM options of a sliflow run: {@code jobs/jvm.options} of the home folder (lines starting
     * {@code <command>:} only for that command), then {@code SLIFLOW_JAVA_OPTS}.
     */
    public static List<String> jvmOptions(String command) {
        return jvmOptions(home().resolve(JVM_OPTIONS_FILE), command, System.getenv("SLIFLOW_JAVA_OPTS"));
    }

    static List<String> jvmOptions(Path file, String command, String extra) {
        List<String> opts = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int hash = line.indexOf('#');
                    String l = hash < 0 ? line : line.substring(0, hash);
                    Matcher m = FOR_COMMAND.matcher(l);
                    if (m.matches()) {
                        if (m.group(1).equals(command)) {
                            opts.addAll(words(m.group(2)));
                        }
                    } else {
                        opts.addAll(words(l));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        List<String> more = words(extra);
        if (more.stream().anyMatch(o -> GC.matcher(o).matches())) {
            opts.removeIf(o -> GC.matcher(o).matches()); // a collector chosen by the user replaces the file's
        }
        opts.addAll(more);
        return opts;
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    /**
     * The launcher's start-up archive for {@code command}, made by {@code ./sliflow} once per build and
     * Java: on Java 25+ an AOT cache ({@code target/sliflow-ingest.java25.aot} for {@code ingest},
     * {@code target/sliflow.java25.aot} for the others), else an AppCDS archive ({@code .jsa}); used
     * when it exists, is newer than the jar and {@code SLIFLOW_CDS} is not 0.
     */
    static List<String> classDataSharing(Path jar, String command) {
        return classDataSharing(jar, command, Runtime.version().feature());
    }

    static List<String> classDataSharing(Path jar, String command, int javaFeature) {
        Path archive = jar.resolveSibling(archiveName(command, javaFeature));
        try {
            if ("0".equals(System.getenv("SLIFLOW_CDS")) || !Files.isRegularFile(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return List.of();
            }
        } catch (IOException e) {
            return List.of();
        }
        if (javaFeature >= 25) {
            return List.of("-XX:AOTCache=" + archive, "-Xlog:aot=off", "-Xlog:cds=off");
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** The launcher's archive of a command on a Java of this feature version (its {@code cds_archive}). */
    static String archiveName(String command, int javaFeature) {
        String ext = javaFeature >= 25 ? "java" + javaFeature + ".aot" : "jsa";
        return ("ingest".equals(command) ? "sliflow-ingest." : "sliflow.") + ext;
    }

    /** The java executable of this JVM. */
    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The full command line that runs {@code sliflow <args>} as the launcher does. */
    public static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.addAll(jvmOptions(args.isEmpty() ? "" : args.get(0)));
        String jar = System.getProperty("sliflow.jar");
        String cp = System.getProperty("java.class.path");
        if (jar == null && !cp.contains(java.io.File.pathSeparator) && Path.of(cp).getFileName().toString().equals("sliflow.jar")) {
            jar = cp; // running from the shaded jar (./sliflow bench)
        }
        if (jar != null) {
            cmd.addAll(classDataSharing(Path.of(jar), args.isEmpty() ? "" : args.get(0)));
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(cp);
            cmd.add(Main.class.getName());
        }
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs {@code sliflow <args>} in a fresh JVM, echoing its output (prefixed) to {@code echo}
     * (null: silent); fails unless it exits with 0.
     */
    public static Run sliflow(List<String> args, PrintStream echo) throws IOException, InterruptedException {
        if (echo != null) {
            echo.println("running in a fresh JVM: sliflow " + String.join(" ", args));
        }
        Run r = run(command(args), echo);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("sliflow " + args.get(0) + " failed with exit status " + r.exitCode());
        }
        return r;
    }

    /**
     * Runs a command, echoing its output to {@code echo} (null: silent). Peak RSS: what the child
     * reports itself as "peak RSS N MiB" (its VmHWM at the end), else the last VmHWM read from
     * /proc/PID/status while it ran (sampled every 100 ms), else -1.
     */
    public static Run run(List<String> cmd, PrintStream echo) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long[] sampled = {-1};
        Thread sampler = new Thread(() -> {
            Path status = Path.of("/proc", Long.toString(p.pid()), "status");
            while (p.isAlive()) {
                long kb = vmHwmKb(status);
                if (kb > 0) {
                    sampled[0] = kb >> 10;
                }
                try {
                    p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (echo != null) {
                    echo.println("  | " + line);
                }
                output.append(line).append('\n');
            }
        }
        int rc = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.join();
        Matcher m = PEAK_RSS.matcher(output);
        long rss = m.find() ? Long.parseLong(m.group(1).replace(",", "")) : sampled[0];
        return new Run(output.toString(), seconds, rss, rc);
    }

    private static long vmHwmKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
