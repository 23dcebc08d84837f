package dev.sliflow.flink;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.ServiceLoader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.core.classloading.SubmoduleClassLoader;
import org.apache.flink.runtime.rpc.AddressResolution;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

/**
 * Flink's Pekko RPC system, loaded once per JVM and shared by every MiniCluster the JVM starts.
 *
 * <p>Flink's own loader ({@code PekkoRpcSystemLoader}) copies the 24 MB {@code flink-rpc-akka.jar}
 * it carries to a new temporary file and loads its ~900 Pekko/Scala classes in a new class loader
 * for every cluster start, and closes that loader when the cluster stops. A sliflow process starts a
 * MiniCluster per job (the demo three, the test suite hundreds), so each start paid the copy and the
 * class loading again; and because the demo's clusters each loaded the classes afresh and unloaded
 * them, the JDK class-data archive the launcher trains on the demo kept only a quarter of them.
 * This loader does what Flink's does (same jar, same isolated {@link SubmoduleClassLoader}, same
 * {@link RpcSystem} found through {@link ServiceLoader}), once: the RPC systems it returns share
 * one class loader, and closing them closes nothing (Pekko's actor systems are per RPC service and
 * are still shut down with each cluster). Registered in {@code META-INF/services} with a lower
 * priority number than Flink's loader, so {@code RpcSystem.load} tries it first.
 */
public final class SharedRpcSystemLoader implements RpcSystemLoader {
    /** Flink's loader has priority 0; lower numbers are tried first. */
    static final int PRIORITY = -1;

    private static final String PEKKO_JAR = "flink-rpc-akka.jar";
    /** Extracted copies are named {@code <prefix><pid>-<random>.jar}. */
    static final String JAR_PREFIX = "sliflow-flink-rpc-pekko-";
    private static RpcSystem shared;
    private static Path sharedJar;

    @Override
    public int getLoadPriority() {
        return PRIORITY;
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        synchronized (SharedRpcSystemLoader.class) {
            if (shared == null) {
                shared = load(config);
            }
            return new Unclosable(shared);
        }
    }

    /** The extracted jar the shared RPC system was loaded from (null before the first load). */
    static synchronized Path jar() {
        return sharedJar;
    }

    private static RpcSystem load(Configuration config) {
        ClassLoader flinkLoader = RpcSystem.class.getClassLoader();
        try {
            Path dir = Path.of(ConfigurationUtils.parseTempDirectories(config)[0]);
            Files.createDirectories(dir);
            removeLeftovers(dir);
            Path jar = Files.createTempFile(dir, JAR_PREFIX + ProcessHandle.current().pid() + "-", ".jar");
            jar.toFile().deleteOnExit();
            try (InputStream in = flinkLoader.getResourceAsStream(PEKKO_JAR)) {
                if (in == null) {
                    Files.deleteIfExists(jar);
                    throw new RpcLoaderException(PEKKO_JAR + " is not on the class path (flink-rpc-akka-loader missing?)");
                }
                Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
            }
            SubmoduleClassLoader loader = new SubmoduleClassLoader(new java.net.URL[] {jar.toUri().toURL()}, flinkLoader);
            Iterator<RpcSystem> it = ServiceLoader.load(RpcSystem.class, loader).iterator();
            if (!it.hasNext()) {
                throw new RpcLoaderException("no RpcSystem in " + jar);
            }
            sharedJar = jar;
            return it.next();
        } catch (IOException e) {
            throw new RpcLoaderException("could not load Flink's Pekko RPC system", e);
        }
    }

    /**
     * Deletes the extracted jars of sliflow processes that no longer run (a JVM killed with SIGKILL
     * cannot delete its own; Flink's loader leaves one per killed cluster start in the same way).
     */
    static void removeLeftovers(Path dir) {
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, JAR_PREFIX + "*.jar")) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(JAR_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = dash > 0 ? Long.parseLong(rest.substring(0, dash)) : -1;
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid > 0 && ProcessHandle.of(pid).isEmpty()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover costs disk space, not correctness
        }
    }

    /** Delegates everything but {@link #close()}: the shared system stays loaded for the next cluster. */
    private static final class Unclosable implements RpcSystem {
        private final RpcSystem delegate;

        Unclosable(RpcSystem delegate) {
            this.delegate = delegate;
        }

        @Override
        public RpcServiceBuilder localServiceBuilder(Configuration configuration) {
            return delegate.localServiceBuilder(configuration);
        }

        @Override
        public RpcServiceBuilder remoteServiceBuilder(Configuration configuration, String externalAddress,
                                                      String externalPortRange) {
            return delegate.remoteServiceBuilder(configuration, externalAddress, externalPortRange);
        }

        @Override
        public String getRpcUrl(String hostname, int port, String endpointName, AddressResolution addressResolution,
                                Configuration config) throws UnknownHostException {
            return delegate.getRpcUrl(hostname, port, endpointName, addressResolution, config);
        }

        @Override
        public InetSocketAddress getInetSocketAddressFromRpcUrl(String url) throws Exception {
            return delegate.getInetSocketAddressFromRpcUrl(url);
        }

        @Override
        public long getMaximumMessageSizeInBytes(Configuration config) {
            return delegate.getMaximumMessageSizeInBytes(config);
        }

        @Override
        public void close() {
            // shared for the JVM's lifetime
        }
    }
}
