package dev.sliflow.flink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The intent log of one publish: which folders of {@code out} (relative paths: {@code sli_minute/dt=…},
 * {@code .lineage/…}, a whole table) are replaced by the run's staged ones or removed. Written whole and
 * synced under the run's staging folder ({@code .publish-<n>.journal}) before the first rename; renamed to
 * {@code .done} at the end. Each folder then moves in two renames — the published one to
 * {@code <staging>/.replaced/<dir>}, the staged one into its place — and the state of each is read off
 * which of the three places hold it, so that {@link #forward} (finish the publish) and {@link #back}
 * (undo it) can resume from whatever step a crash stopped at, and do nothing when repeated. No copy is
 * ever deleted before the journal is done.
 */
final class PublishJournal {
    static final String PREFIX = ".publish-";
    static final String SUFFIX = ".journal";
    static final String DONE = ".done";
    static final String ABANDONED = ".abandoned";
    static final String REPLACED = ".replaced";
    private static final String HEADER = "sliflow publish journal 1";

    /** A test's way to stop a publish after any step, as a crash would. */
    interface Step {
        void after(String what) throws IOException;
    }

    static volatile Step step = what -> { };

    /** One folder: whether it was published before, whether the run staged a new one. */
    record Entry(String dir, boolean hadOld, boolean hasNew) {}

    final Path out;
    final Path staging;
    final Path file;
    final List<Entry> entries;

    private PublishJournal(Path out, Path staging, Path file, List<Entry> entries) {
        this.out = out;
        this.staging = staging;
        this.file = file;
        this.entries = entries;
    }

    /** Writes and syncs the journal of publishing {@code dirs}; nothing is moved yet. */
    static PublishJournal write(Path out, Path staging, Collection<String> dirs) throws IOException {
        FileSystem fs = out.getFileSystem();
        fs.mkdirs(staging);
        int seq = 1 + journals(staging, true).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Entry> entries = new ArrayList<>();
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (String d : dirs) {
            Entry e = new Entry(d, fs.exists(new Path(out, d)), fs.exists(new Path(staging, d)));
            entries.add(e);
            b.append("entry\t").append(e.hadOld ? "old" : "-").append('\t').append(e.hasNew ? "new" : "-").append('\t')
                    .append(d).append('\n');
        }
        b.append("end\t").append(entries.size()).append('\n');
        Path file = new Path(staging, PREFIX + seq + SUFFIX);
        Path tmp = new Path(staging, PREFIX + seq + SUFFIX + ".tmp");
        try (FSDataOutputStream os = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            os.write(b.toString().getBytes(StandardCharsets.UTF_8));
            os.flush();
            os.sync();
        }
        step.after("journal written under a temporary name");
        rename(tmp, file);
        Durable.syncDir(staging);
        step.after("journal in place");
        return new PublishJournal(out, staging, file, entries);
    }

    /** The journals of a staging folder by number: all of them, or only those neither done nor abandoned. */
    static Map<Integer, Path> journals(Path staging, boolean all) throws IOException {
        FileSystem fs = staging.getFileSystem();
        Map<Integer, Path> m = new TreeMap<>();
        if (!fs.exists(staging)) {
            return m;
        }
        for (FileStatus st : fs.listStatus(staging)) {
            String n = st.getPath().getName();
            if (!n.startsWith(PREFIX)) {
                continue;
            }
            int dot = n.indexOf('.', PREFIX.length());
            int seq;
            try {
                seq = Integer.parseInt(n.substring(PREFIX.length(), dot < 0 ? n.length() : dot));
            } catch (NumberFormatException e) {
                continue;
            }
            if (all || n.endsWith(SUFFIX)) {
                m.put(seq, st.getPath());
            }
        }
        return m;
    }

    /** Reads a journal that is in place (neither done nor abandoned). */
    static PublishJournal read(Path out, Path staging, Path file) throws IOException {
        String text;
        try (InputStream in = file.getFileSystem().open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n");
        List<Entry> entries = new ArrayList<>();
        boolean ended = false;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            if (f.length == 4 && f[0].equals("entry")) {
                entries.add(new Entry(f[3], f[1].equals("old"), f[2].equals("new")));
            } else if (f.length == 2 && f[0].equals("end") && f[1].equals(String.valueOf(entries.size()))) {
                ended = true;
            }
        }
        if (lines.length == 0 || !lines[0].equals(HEADER) || !ended) {
            // written whole and then renamed: this is not one of ours. Touch nothing.
            throw new IOException(file + " is not a complete publish journal; nothing under " + out
                    + " was changed: inspect it, and move the folder " + staging + " away if it is not needed");
        }
        return new PublishJournal(out, staging, file, entries);
    }

    private Path target(Entry e) {
        return new Path(out, e.dir);
    }

    private Path staged(Entry e) {
        return new Path(staging, e.dir);
    }

    private Path aside(Entry e) {
        return new Path(new Path(staging, REPLACED), e.dir);
    }

    /**
     * Completes the publish from wherever it stopped: per folder, the published one (if any) moves
     * aside unless it already did, then the staged one (if any) moves in unless it already did.
     */
    void forward() throws IOException {
        FileSystem fs = out.getFileSystem();
        for (Entry e : entries) {
            boolean t = fs.exists(target(e));
            boolean s = fs.exists(staged(e));
            boolean a = fs.exists(aside(e));
            // what is in place is the old folder while the new one is still staged (or none was staged)
            if (t && (s || !e.hasNew)) {
                if (a) {
                    throw new IOException("cannot finish publishing " + target(e) + ": " + aside(e)
                            + " holds another copy (changed by hand?); nothing was deleted");
                }
                rename(target(e), aside(e));
                step.after("moved " + e.dir + " aside");
            }
            if (e.hasNew && s) {
                rename(staged(e), target(e));
                step.after("moved the new " + e.dir + " in");
            } else if (e.hasNew && !fs.exists(target(e)) && a) {
                // its staged copy is gone (removed by hand): never leave the folder missing
                rename(aside(e), target(e));
                step.after("put the old " + e.dir + " back");
            }
        }
        syncDirs();
    }

    /** Undoes the publish from wherever it stopped: new folders back to staging, old ones back in place. */
    void back() throws IOException {
        FileSystem fs = out.getFileSystem();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.hasNew && fs.exists(target(e)) && !fs.exists(staged(e))) {
                rename(target(e), staged(e));
                step.after("moved the new " + e.dir + " back to staging");
            }
            if (fs.exists(aside(e)) && !fs.exists(target(e))) {
                rename(aside(e), target(e));
                step.after("put the old " + e.dir + " back");
            }
        }
        syncDirs();
    }

    /** Marks the journal done: from here on the old copies may be deleted. */
    void done() throws IOException {
        rename(file, new Path(file.getPath() + DONE));
        Durable.syncDir(staging);
        step.after("journal marked done");
    }

    /** Marks the journal abandoned (after {@link #back}): the staging folder may be deleted. */
    void abandon() throws IOException {
        rename(file, new Path(file.getPath() + ABANDONED));
        Durable.syncDir(staging);
    }

    /** Makes the renames durable before the journal says done (local file systems; elsewhere a no-op). */
    private void syncDirs() throws IOException {
        java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
        for (Entry e : entries) {
            dirs.add(target(e).getParent());
            dirs.add(staged(e).getParent());
            dirs.add(aside(e).getParent());
        }
        for (Path d : dirs) {
            Durable.syncDir(d);
        }
    }

    /** One rename, checked: the destination must not exist (a rename would merge into or replace it). */
    static void rename(Path from, Path to) throws IOException {
        FileSystem fs = from.getFileSystem();
        if (fs.exists(to)) {
            throw new IOException("cannot move " + from + " to " + to + ": it exists");
        }
        fs.mkdirs(to.getParent());
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to);
        }
    }

    /** fsync of a local folder (its entries: the renames in it); other file systems persist renames themselves. */
    static final class Durable {
        private Durable() {}

        static void syncDir(Path dir) {
            java.nio.file.Path p = Jobs.localPath(dir);
            if (p == null) {
                return;
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p,
                    java.nio.file.StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException | RuntimeException e) {
                // a folder that is gone, or a platform without directory fsync: the renames stand as made
            }
        }
    }
}
