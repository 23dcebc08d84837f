package dev.sliflow.cli;

import dev.sliflow.config.ConfigException;
import dev.sliflow.flink.EmbeddedCluster;
import dev.sliflow.flink.OutputLock;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sliflow} command line: one jar, one launcher, a subcommand per job. */
@Command(
        name = "sliflow",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Turns raw HTTP access logs into SLO evidence (Apache Flink jobs).",
        subcommands = {DemoCommand.class, IngestCommand.class, BacktestCommand.class, ReportCommand.class, GateCommand.class,
                GenerateCommand.class, QueryCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        initLoggingInBackground();
        System.exit(execute(args));
    }

    /**
     * Starts Log4j (its configuration, appenders and plugins: ~0.3 s of one core) on another thread
     * while the command line is read; the first logger asked for on the main thread (Flink's file
     * systems, the embedded cluster) then finds it ready, or waits for it.
     */
    static void initLoggingInBackground() {
        Thread t = new Thread(() -> org.slf4j.LoggerFactory.getLogger(Main.class), "sliflow-log-init");
        t.setDaemon(true);
        t.start();
    }

    /** Runs a command line; returns the exit status (0 ok, 1 failure, 2 usage or configuration error). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main()).setUsageHelpWidth(110);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (ex instanceof ConfigException || ex instanceof IllegalArgumentException
                    || ex instanceof OutputLock.InUseException) {
                err.println("sliflow: error: " + ex.getMessage());
                return 2;
            }
            err.println("sliflow: failed: " + oneLine(ex));
            if (System.getenv("SLIFLOW_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set SLIFLOW_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        try {
            return cl.execute(args);
        } finally {
            EmbeddedCluster.discardUnused(); // a command that failed before its job
            OutputLock.releaseHeldByCurrentThread(); // the --out lock, also when the command failed
        }
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sliflow " + (v == null ? "dev" : v) + " (Flink 2.3)"};
        }
    }
}
