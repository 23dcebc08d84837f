package dev.sliflow.flink;

import dev.sliflow.table.OutputDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * One writer per output folder: every command that writes into {@code --out} (ingest, batch and
 * stream; backtest; demo; report) holds {@code out/.lock} while it runs, so that no command deletes
 * another's staged files or publishes over it. The file names its holder (pid, host, command, start
 * time); a second command fails before its job starts with that in one line.
 *
 * <p>On a local file system the file appears whole in one step (written under a temporary name, then
 * hard-linked: a link fails if the name exists) and its holder keeps an OS lock on it for as long as it
 * runs, which the kernel drops when the process dies, however it dies. A lock whose holder is gone
 * (same host: its OS lock is free and its pid no longer runs that process) is recovered by the next
 * command, which says so; exactly one of several commands recovering at once wins (the OS lock on the
 * dead holder's file decides). A holder on another host cannot be checked: the command refuses and
 * says how to remove the lock. Elsewhere (HDFS: an exclusive create is atomic there; object stores: it
 * is not) the file is created without overwriting and a dead holder is recognized by its pid only.
 *
 * <p>Taking the lock is also where a command recovers {@code --out} before it does anything else: an
 * interrupted publish is completed and stale staging folders are removed ({@link PartitionCommitter#recover}).
 * Released when the command ends, also when it fails ({@code Main}) and on Ctrl-C/SIGTERM (a shutdown
 * hook); after SIGKILL the next command recovers it.
 */
public final class OutputLock implements AutoCloseable {
    public static final String FILE = ".lock";

    /** Locks this JVM holds, by qualified output folder. */
    private static final Map<String, OutputLock> HELD = new ConcurrentHashMap<>();
    private static final Object GUARD = new Object();
    private static volatile boolean hookAdded;

    private final String key;
    private final Path lockFile;
    private final Holder me;
    private final Thread owner = Thread.currentThread();
    private final FileChannel channel; // local: kept open with the OS lock; null elsewhere
    private final FileLock osLock;
    private final Object fileKey;

    /** Another live command holds the lock of an output folder (or its holder cannot be checked). */
    public static final class InUseException extends IllegalStateException {
        InUseException(String message) {
            super(message);
        }
    }

    /** Who holds a lock: what {@code out/.lock} says. */
    record Holder(long pid, String host, String command, Instant started, long processStartMillis, String token) {
        static Holder current(String command) {
            ProcessHandle self = ProcessHandle.current();
            return new Holder(self.pid(), hostName(), "sliflow " + command, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L), UUID.randomUUID().toString());
        }

        String text() {
            return "pid=" + pid + "\nhost=" + host + "\ncommand=" + command.replace('\n', ' ') + "\nstarted=" + started
                    + "\nprocess_start_ms=" + processStartMillis + "\ntoken=" + token + "\n";
        }

        /** The holder a lock file names, or empty when it names none (hand-made, cut off). */
        static Optional<Holder> parse(String text) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            try {
                return Optional.of(new Holder(Long.parseLong(m.get("pid")), m.get("host"), m.getOrDefault("command", "?"),
                        Instant.parse(m.get("started")), Long.parseLong(m.getOrDefault("process_start_ms", "-1")),
                        m.get("token")));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        String describe() {
            return "pid " + pid + " on host " + host + " (" + command + ", started " + started + ")";
        }

        /** Same host, and its pid runs no process, or one started after the holder (the pid was reused). */
        boolean deadHere() {
            if (!hostName().equals(host)) {
                return false;
            }
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return true;
            }
            Optional<Instant> start = p.get().info().startInstant();
            return processStartMillis > 0 && start.isPresent()
                    && Math.abs(start.get().toEpochMilli() - processStartMillis) > 2_000;
        }
    }

    private OutputLock(String key, Path lockFile, Holder me, FileChannel channel, FileLock osLock, Object fileKey) {
        this.key = key;
        this.lockFile = lockFile;
        this.me = me;
        this.channel = channel;
        this.osLock = osLock;
        this.fileKey = fileKey;
    }

    /**
     * Takes the lock of {@code out} for {@code command} (e.g. "ingest --mode stream"), after checking
     * the folder ({@link Jobs#checkOutput}), then recovers the folder ({@link PartitionCommitter#recover}).
     * The lock is released by {@link #close}, by {@link #releaseHeldByCurrentThread} (the command line
     * does that when a command ends) or when the JVM exits.
     *
     * @throws InUseException another live command holds it, or its holder cannot be checked
     */
    public static OutputLock acquire(String out, String command, PrintStream log) throws IOException {
        Path dir = new Path(out);
        Jobs.checkOutput(dir);
        FileSystem fs = dir.getFileSystem();
        String key = dir.makeQualified(fs).toString();
        Holder me = Holder.current(command);
        OutputLock lock;
        synchronized (GUARD) {
            OutputLock here = HELD.get(key);
            if (here != null) {
                throw inUse(out, here.me);
            }
            java.nio.file.Path local = Jobs.localPath(dir);
            lock = local != null ? acquireLocal(out, key, local, me, log) : acquireOther(out, key, dir, me, log);
            HELD.put(key, lock);
            addHook();
        }
        try {
            if (Jobs.localPath(dir) != null) {
                OutputDir.checkNoLinks(Jobs.localPath(dir)); // nothing below is done through a link
            }
            PartitionCommitter.recover(dir, log);
        } catch (Throwable e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** Whether this JVM holds the lock of {@code out} (a command that took it runs the jobs). */
    public static boolean heldHere(Path out) throws IOException {
        return HELD.containsKey(out.makeQualified(out.getFileSystem()).toString());
    }

    /** Releases the locks taken by this thread (the command line, when a command ends however it ends). */
    public static void releaseHeldByCurrentThread() {
        for (OutputLock l : new ArrayList<>(HELD.values())) {
            if (l.owner == Thread.currentThread()) {
                l.close();
            }
        }
    }

    private static OutputLock acquireLocal(String out, String key, java.nio.file.Path dir, Holder me, PrintStream log)
            throws IOException {
        java.nio.file.Path file = dir.resolve(FILE);
        java.nio.file.Path tmp = dir.resolve(FILE + "." + me.pid() + "." + me.token().substring(0, 8) + ".tmp");
        FileChannel ch = null;
        try {
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
                ch.write(java.nio.ByteBuffer.wrap(me.text().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            } catch (IOException e) {
                throw new IOException("--out " + out + " is not writable: " + OutputDir.reason(e) + " (nothing was changed)", e);
            }
            FileLock os = ch.tryLock(); // the file is ours alone yet: always granted
            for (int attempt = 0; ; attempt++) {
                try {
                    Files.createLink(file, tmp); // atomic: fails if a lock exists
                    Files.delete(tmp);
                    return new OutputLock(key, new Path(file.toUri()), me, ch, os, fileKey(file));
                } catch (FileAlreadyExistsException held) {
                    recoverLocal(out, file, log, attempt >= 3); // throws unless the holder is gone
                } catch (UnsupportedOperationException noLinks) {
                    // a file system without hard links: an exclusive create (the content follows at once)
                    Files.delete(tmp);
                    ch.close();
                    ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
                    os = ch.tryLock();
                    ch.write(java.nio.ByteBuffer.wrap(me.text().getBytes(StandardCharsets.UTF_8)));
                    ch.force(true);
                    return new OutputLock(key, new Path(file.toUri()), me, ch, os, fileKey(file));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * The lock file exists: throws {@link InUseException} unless its holder is gone (its OS lock free,
     * same host, its process no longer running), in which case the file is removed — under the dead
     * holder's OS lock, so that of several commands recovering at once one wins — and the caller tries
     * again. {@code last}: the holder changed under us several times; give up naming the current one.
     */
    private static void recoverLocal(String out, java.nio.file.Path file, PrintStream log, boolean last)
            throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IllegalArgumentException("--out " + out + ": " + FILE + " is a symbolic link; sliflow never writes"
                    + " through a link inside --out: delete it");
        }
        Object before;
        try {
            before = fileKey(file);
        } catch (NoSuchFileException gone) {
            return; // released meanwhile: try again
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            if (!before.equals(fileKey(file))) {
                return; // replaced between the look and the open: try again
            }
            Optional<Holder> h = Holder.parse(readAll(ch));
            FileLock os;
            try {
                os = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException thisJvm) {
                throw inUse(out, h.orElse(null)); // held by this JVM (named by another path)
            }
            if (os == null || last || h.isEmpty() || !h.get().deadHere()) {
                // held (its OS lock is taken), another host, a live pid, or no holder named
                throw inUse(out, h.orElse(null));
            }
            if (!before.equals(fileKey(file))) {
                return;
            }
            Files.delete(file); // nobody else can: they would need the OS lock we hold
            log.println("sliflow: recovered the lock of --out " + out + " left by " + h.get().describe()
                    + ", which is no longer running");
        } catch (NoSuchFileException gone) {
            // released meanwhile: try again
        }
    }

    private static OutputLock acquireOther(String out, String key, Path dir, Holder me, PrintStream log) throws IOException {
        Path file = new Path(dir, FILE);
        FileSystem fs = file.getFileSystem();
        for (int attempt = 0; attempt < 3; attempt++) {
            if (!fs.exists(file)) {
                try (OutputStream os = fs.create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
                    os.write(me.text().getBytes(StandardCharsets.UTF_8));
                    return new OutputLock(key, file, me, null, null, null);
                } catch (IOException e) {
                    if (!fs.exists(file)) {
                        throw new IOException("--out " + out + " is not writable: " + OutputDir.reason(e)
                                + " (nothing was changed)", e);
                    }
                }
            }
            Optional<Holder> h = Holder.parse(read(file));
            if (h.isEmpty() || !h.get().deadHere()) {
                throw inUse(out, h.orElse(null));
            }
            fs.delete(file, false);
            log.println("sliflow: recovered the lock of --out " + out + " left by " + h.get().describe()
                    + ", which is no longer running");
        }
        throw inUse(out, Holder.parse(read(file)).orElse(null));
    }

    static InUseException inUse(String out, Holder h) {
        String lock = new Path(new Path(out), FILE).toString();
        if (h == null) {
            return new InUseException("--out " + out + " is locked (" + lock + " names no holder); if no sliflow command"
                    + " is writing into it, delete " + lock);
        }
        if (!hostName().equals(h.host())) {
            return new InUseException("--out " + out + " is in use by another sliflow command: " + h.describe()
                    + ", which cannot be checked from this host; if you are sure it is no longer running, delete " + lock);
        }
        return new InUseException("--out " + out + " is in use by another sliflow command: " + h.describe()
                + "; one writer per output folder: wait for it to end");
    }

    /** Releases the lock (deletes the file if it is still ours); idempotent. */
    @Override
    public void close() {
        synchronized (GUARD) {
            if (HELD.get(key) != this) {
                return;
            }
            HELD.remove(key);
            try {
                if (channel != null) {
                    java.nio.file.Path file = java.nio.file.Path.of(lockFile.toUri());
                    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && fileKey.equals(fileKey(file))) {
                        Files.delete(file);
                    }
                    channel.close(); // drops the OS lock
                } else {
                    Optional<Holder> h = Holder.parse(read(lockFile));
                    if (h.isPresent() && me.token().equals(h.get().token())) {
                        lockFile.getFileSystem().delete(lockFile, false);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // best effort: a lock left behind names a process that is gone, and the next command recovers it
            }
        }
    }

    private static void addHook() {
        if (!hookAdded) {
            hookAdded = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (OutputLock l : new ArrayList<>(HELD.values())) {
                    l.close();
                }
            }, "sliflow-release-lock"));
        }
    }

    private static Object fileKey(java.nio.file.Path file) throws IOException {
        Object k = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
        return k != null ? k : file.toAbsolutePath().toString();
    }

    private static String readAll(FileChannel ch) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) Math.min(ch.size(), 64 * 1024));
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = file.getFileSystem().open(file)) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return "";
        }
    }

    private static volatile String host;

    /** This machine's name (the kernel's, else the resolver's). */
    static String hostName() {
        String h = host;
        if (h == null) {
            try {
                h = Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                h = "";
            }
            if (h.isEmpty()) {
                try {
                    h = InetAddress.getLocalHost().getHostName();
                } catch (IOException e) {
                    h = "localhost";
                }
            }
            host = h;
        }
        return h;
    }
}
