package dev.sliflow.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The local Flink MiniCluster of a command run with {@code java -jar}, started in the background as
 * soon as the command has checked its options, so that its ~1 s start-up (RPC actor systems, BLOB
 * server, TaskManager, dispatcher) overlaps the command's own preparation (reading the catalog,
 * listing and checking the inputs, building the job) instead of following it.
 *
 * <p>Jobs are still submitted the way Flink's local executor does it: {@link #environment} gives a
 * {@link StreamExecutionEnvironment} whose executor is Flink's {@link LocalExecutor}; only the
 * cluster it asks for is the one already starting — when its task-manager shape (TaskManagers,
 * slots, managed memory) is the one the job asks for — else a new one, exactly as without this class.
 * As with Flink's executor the cluster runs one job and is shut down after it. Under {@code flink run}
 * the client's environment is used and nothing is started here.
 */
public final class EmbeddedCluster {
    /** The cluster being started (completed with null: none, e.g. under flink run); null when none was asked for. */
    private static CompletableFuture<Prestarted> pending;
    private static volatile boolean lastJobUsedPrestarted;
    /** The parent of this JVM's MiniClusters' working folders; removed when the JVM exits. */
    private static Path workDir;

    private EmbeddedCluster() {}

    /**
     * Starts, in the background, the MiniCluster a job with this configuration (see
     * {@link Jobs#batchConf}) will ask for; returns at once; no-op under {@code flink run} or when a
     * start was already asked for. A cluster no job took is closed by {@link #discardUnused()}.
     */
    public static synchronized void prestart(Configuration jobConf) {
        if (pending != null) {
            return;
        }
        CompletableFuture<Prestarted> f = new CompletableFuture<>();
        pending = f;
        Configuration conf = new Configuration(jobConf);
        Thread t = new Thread(() -> {
            try {
                if (!(StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment)) {
                    f.complete(null);
                    return;
                }
                Prestarted p = new Prestarted(clusterConfiguration(conf));
                f.complete(p);
                p.startHere();
            } catch (Throwable e) {
                if (!f.isDone()) {
                    f.complete(null); // the job's own cluster start reports what is wrong
                }
            }
        }, "sliflow-minicluster-start");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Closes a prestarted cluster that no job took (a command that failed before its job, say);
     * completes when it is closed (at once when there is none).
     */
    public static CompletableFuture<Void> discardUnused() {
        Prestarted p = takePending();
        return p == null ? CompletableFuture.completedFuture(null) : p.discard();
    }

    private static Prestarted takePending() {
        CompletableFuture<Prestarted> f;
        synchronized (EmbeddedCluster.class) {
            f = pending;
            pending = null;
        }
        return f == null ? null : f.join();
    }

    /** Whether the last job run through {@link #environment} used a prestarted cluster (for tests). */
    static boolean lastJobUsedPrestarted() {
        return lastJobUsedPrestarted;
    }

    /**
     * The environment of a job with this configuration: under {@code flink run} the client's, else
     * a local one whose executor takes the prestarted cluster when it fits.
     */
    public static StreamExecutionEnvironment environment(Configuration jobConf) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
        if (!(env instanceof LocalStreamEnvironment)) {
            return env;
        }
        Configuration local = new Configuration(jobConf);
        local.set(DeploymentOptions.TARGET, LocalExecutor.NAME); // what LocalStreamEnvironment sets
        local.set(DeploymentOptions.ATTACHED, true);
        withWorkingDir(local);
        return new StreamExecutionEnvironment(LOADER, local, Thread.currentThread().getContextClassLoader());
    }

    /**
     * The MiniCluster configuration Flink's local executor derives from a job's configuration
     * (PerJobMiniClusterFactory): REST on a free port, shared RPC service, the configured slots.
     */
    static MiniClusterConfiguration clusterConfiguration(Configuration jobConf) {
        Configuration c = new Configuration(jobConf);
        withWorkingDir(c);
        if (!c.contains(RestOptions.BIND_PORT)) {
            c.set(RestOptions.BIND_PORT, "0");
        }
        return new MiniClusterConfiguration.Builder()
                .setConfiguration(c)
                .setNumTaskManagers(c.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS))
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .setNumSlotsPerTaskManager(c.get(TaskManagerOptions.NUM_TASK_SLOTS))
                .build();
    }

    /**
     * Puts the MiniCluster's working folder ({@code minicluster_<id>}: BLOB store, TaskManager state
     * and temporary files) and its REST server's upload folder in a folder of this JVM that is removed
     * when the JVM exits, unless the configuration names them. Flink removes them only at the very end
     * of closing the cluster, which a command that exits right after its job never reaches: without
     * this every run left a folder behind in the temporary directory.
     */
    public static synchronized void withWorkingDir(Configuration c) {
        if (c.contains(ClusterOptions.PROCESS_WORKING_DIR_BASE) && c.contains(WebOptions.TMP_DIR)) {
            return;
        }
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("sliflow-flink-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a working folder for the embedded Flink cluster in "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
            Path dir = workDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "sliflow-workdir-cleanup"));
        }
        if (!c.contains(ClusterOptions.PROCESS_WORKING_DIR_BASE)) {
            c.set(ClusterOptions.PROCESS_WORKING_DIR_BASE, workDir.toString());
        }
        if (!c.contains(WebOptions.TMP_DIR)) {
            c.set(WebOptions.TMP_DIR, workDir.toString());
        }
    }

    /**
     * Deletes the working folder at exit. Flink's own shutdown hooks (BLOB store, I/O managers) run at
     * the same time and delete or still write files inside it, so one walk can fail half-way on a file
     * that vanished or appeared: the walk is repeated for up to two seconds until the folder is gone.
     */
    static void deleteQuietly(Path dir) {
        for (int attempt = 0; attempt < 80 && Files.exists(dir); attempt++) {
            try {
                dev.sliflow.table.OutputDir.deleteTree(dir);
            } catch (IOException | UncheckedIOException e) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }


    /**
     * Whether a cluster started with {@code have} serves a job that asks for {@code want}: the same
     * TaskManagers and RPC sharing, and the same value for every cluster-level option (slots and memory among them); options
     * of the submission itself (pipeline.*, execution.*, deployment.*, table.*, parallelism, internal keys) are
     * carried by the job, not the cluster.
     */
    static boolean fits(MiniClusterConfiguration have, MiniClusterConfiguration want) {
        if (have.getNumTaskManagers() != want.getNumTaskManagers()
                || have.getRpcServiceSharing() != want.getRpcServiceSharing()) {
            return false;
        }
        Map<String, String> h = clusterLevel(have.getConfiguration().toMap());
        Map<String, String> w = clusterLevel(want.getConfiguration().toMap());
        return h.equals(w);
    }

    private static Map<String, String> clusterLevel(Map<String, String> conf) {
        Map<String, String> m = new TreeMap<>(conf);
        m.keySet().removeIf(k -> k.startsWith("pipeline.") || k.startsWith("execution.") || k.startsWith("deployment.")
                || k.startsWith("$internal.") || k.startsWith("table.") || k.startsWith("__table.")
                || k.equals("parallelism.default"));
        return m;
    }

    /** Flink's local executor, asking this class for its cluster. */
    private static final PipelineExecutorFactory FACTORY = new PipelineExecutorFactory() {
        @Override
        public String getName() {
            return LocalExecutor.NAME;
        }

        @Override
        public boolean isCompatibleWith(Configuration configuration) {
            return true;
        }

        @Override
        public PipelineExecutor getExecutor(Configuration configuration) {
            return LocalExecutor.createWithFactory(configuration, EmbeddedCluster::take);
        }
    };

    private static final PipelineExecutorServiceLoader LOADER = new PipelineExecutorServiceLoader() {
        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
            return FACTORY;
        }

        @Override
        public Stream<String> getExecutorNames() {
            return Stream.of(LocalExecutor.NAME);
        }
    };

    /** The cluster for a job: the prestarted one when it fits, else a new one (what Flink would make). */
    private static MiniCluster take(MiniClusterConfiguration want) {
        Prestarted p = takePending();
        if (p != null && !fits(p.configuration, want) && System.getenv("SLIFLOW_DEBUG") != null) {
            System.err.println("sliflow: prestarted cluster does not fit: " + clusterLevel(p.configuration.getConfiguration().toMap())
                    + " vs " + clusterLevel(want.getConfiguration().toMap()));
        }
        if (p != null && fits(p.configuration, want)) {
            lastJobUsedPrestarted = true;
            return p;
        }
        if (p != null) {
            p.discard();
        }
        lastJobUsedPrestarted = false;
        return new MiniCluster(want);
    }

    /** A MiniCluster whose {@link #start()} waits for the start begun in the background. */
    private static final class Prestarted extends MiniCluster {
        final MiniClusterConfiguration configuration;
        final CompletableFuture<Void> started = new CompletableFuture<>();

        Prestarted(MiniClusterConfiguration configuration) {
            super(configuration);
            this.configuration = configuration;
        }

        /** Starts the cluster on the calling (background) thread; {@link #start()} waits for it. */
        void startHere() {
            try {
                super.start();
                started.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }

        /** Closes the cluster once its start has ended (a MiniCluster must not be closed while starting). */
        CompletableFuture<Void> discard() {
            return started.handle((ok, err) -> null).thenCompose(x -> closeAsync());
        }

        @Override
        public void start() throws Exception {
            try {
                started.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof Exception) {
                    throw (Exception) c;
                }
                throw e;
            }
        }
    }
}
