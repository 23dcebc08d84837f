package dev.sliflow.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Publishes a run's staged partitions: for every table and every date of the run, the previous
 * {@code dt=} folder (if any) is moved aside and the staged one moved in — one directory rename
 * each, so a reader sees either the old or the new partition, never a half-written one. A run
 * that fails before this step leaves the published tables untouched. The moves are journaled
 * ({@link PublishJournal}) so that a crash between them is finished by the next command
 * ({@link #recover}); jobs/OPERATIONS.md "Publishing and the output lock" says what holds on object stores.
 */
public final class PartitionCommitter {
    /** The whole tables {@link #replaceTables} registered for the run's {@link #commit}. */
    static final String PENDING = ".pending-tables";

    private PartitionCommitter() {}

    /** The dates present in any staged table of the run. */
    public static Set<String> stagedDates(Path staging, List<String> tables) throws IOException {
        FileSystem fs = staging.getFileSystem();
        Set<String> dts = new TreeSet<>();
        for (String t : tables) {
            Path dir = new Path(staging, t);
            if (!fs.exists(dir)) {
                continue;
            }
            for (FileStatus st : fs.listStatus(dir)) {
                String n = st.getPath().getName();
                if (st.isDir() && n.startsWith("dt=")) {
                    dts.add(n.substring(3));
                }
            }
        }
        return dts;
    }

    /**
     * The dates a run over the inclusive range {@code from..to} replaces: those it staged and those
     * already published in the range (a published date with no staged data loses its partition). Only
     * existing partitions are looked at, so a range of centuries costs no more than a range of days.
     */
    public static Set<String> datesToReplace(Path out, Path staging, List<String> tables, LocalDate from, LocalDate to)
            throws IOException {
        Set<String> dts = new TreeSet<>();
        for (String d : stagedDates(staging, tables)) {
            if (inRange(d, from, to)) {
                dts.add(d);
            }
        }
        for (String d : stagedDates(out, tables)) {
            if (inRange(d, from, to)) {
                dts.add(d);
            }
        }
        return dts;
    }

    private static boolean inRange(String dt, LocalDate from, LocalDate to) {
        try {
            LocalDate d = LocalDate.parse(dt);
            return !d.isBefore(from) && !d.isAfter(to);
        } catch (java.time.format.DateTimeParseException e) {
            return false; // not a partition of ours: never touched
        }
    }

    /** The folders {@code <table>/dt=<date>} of every table and date, tables first. */
    public static List<String> partitions(List<String> tables, Set<String> dts) {
        List<String> dirs = new ArrayList<>();
        for (String t : tables) {
            for (String dt : dts) {
                dirs.add(t + "/dt=" + dt);
            }
        }
        return dirs;
    }

    /**
     * Replaces the whole (unpartitioned) tables {@code out/<table>} by the staged ones; a table the run
     * did not produce is removed (the run recomputed it and found no rows). The tables are published
     * with the partitions of the following {@link #commit}, in the same journal (so a crash never leaves
     * new whole tables beside old partitions): call it before {@code commit}.
     */
    public static void replaceTables(Path out, Path staging, List<String> tables) throws IOException {
        Path pending = new Path(staging, PENDING);
        List<String> all = new ArrayList<>(readPending(pending));
        all.addAll(tables);
        FileSystem fs = staging.getFileSystem();
        fs.mkdirs(staging);
        try (java.io.OutputStream os = fs.create(pending, FileSystem.WriteMode.OVERWRITE)) {
            os.write(String.join("\n", all).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> readPending(Path pending) throws IOException {
        FileSystem fs = pending.getFileSystem();
        if (!fs.exists(pending)) {
            return List.of();
        }
        try (java.io.InputStream in = fs.open(pending)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
        }
    }

    /**
     * Replaces {@code out/<table>/dt=<d>} by the staged one for every table and date (and the whole tables
     * of {@link #replaceTables}); a date with no staged data for a table leaves that table's partition
     * removed (the run re-processed that date and found no rows). One journaled {@link #publish}; deletes
     * the staging folder at the end.
     *
     * @return number of partitions written
     */
    public static int commit(Path out, Path staging, List<String> tables, Set<String> dts) throws IOException {
        List<String> parts = partitions(tables, dts);
        FileSystem fs = staging.getFileSystem();
        int written = 0;
        for (String p : parts) {
            if (fs.exists(new Path(staging, p))) {
                written++;
            }
        }
        Path pending = new Path(staging, PENDING);
        List<String> dirs = new ArrayList<>(readPending(pending));
        dirs.addAll(parts);
        publish(out, staging, dirs);
        return written;
    }

    /**
     * Publishes a run: each folder of {@code dirs}, relative to {@code out} (a partition
     * {@code sli_minute/dt=2026-06-02}, a hidden {@code .lineage/sli_minute/dt=2026-06-02/src=ab12cd}, a
     * whole table {@code slo_summary}), is replaced by the run's {@code staging/<dir>}, or removed when
     * the run staged nothing for it. Crash-safe: a journal listing every move is written and synced
     * before the first rename ({@link PublishJournal}); whatever step a crash stops at, the next command
     * on {@code out} finishes the publish ({@link #recover}), so every folder ends whole, all old or all
     * new. When a rename fails here (an I/O error, not a crash), the moves made are undone and the
     * tables are as before. Deletes the staging folder at the end. The caller holds {@code out}'s
     * {@link OutputLock}.
     *
     * @return number of folders that were staged (published new)
     */
    public static int publish(Path out, Path staging, List<String> dirs) throws IOException {
        List<String> checked = checkDirs(dirs);
        PublishJournal j = PublishJournal.write(out, staging, checked);
        try {
            j.forward();
        } catch (IOException e) {
            try {
                j.back();
                j.abandon();
            } catch (IOException | RuntimeException undo) {
                e.addSuppressed(undo);
                throw new IOException("publishing failed: " + e.getMessage() + "; the next sliflow command on " + out
                        + " completes it (journal " + j.file + ")", e);
            }
            Jobs.discardStaging(staging);
            throw new IOException("publishing failed: " + e.getMessage() + "; the published tables are unchanged", e);
        }
        j.done();
        cleanUp(staging);
        return (int) j.entries.stream().filter(PublishJournal.Entry::hasNew).count();
    }

    /** Deletes a published (or abandoned) run's staging folder: the old copies first, then the rest. */
    private static void cleanUp(Path staging) throws IOException {
        Jobs.deleteTree(new Path(staging, PublishJournal.REPLACED));
        PublishJournal.step.after("old copies deleted");
        Jobs.deleteTree(staging);
        PublishJournal.step.after("staging folder deleted");
        Path parent = staging.getParent();
        FileSystem fs = parent.getFileSystem();
        FileStatus[] left = fs.exists(parent) ? fs.listStatus(parent) : null;
        if (left != null && left.length == 0) {
            fs.delete(parent, false);
        }
    }

    /** The folders of a publish: relative, inside {@code out}, none inside another, none of sliflow's own. */
    static List<String> checkDirs(List<String> dirs) {
        List<String> out = new ArrayList<>(new java.util.LinkedHashSet<>(dirs));
        for (String d : out) {
            String[] seg = d.split("/", -1);
            boolean bad = d.isEmpty() || d.contains("\\") || d.indexOf('\0') >= 0 || d.contains("\t") || d.contains("\n");
            for (String s : seg) {
                bad |= s.isEmpty() || s.equals(".") || s.equals("..");
            }
            bad |= seg[0].equals(".staging") || seg[0].startsWith(OutputLock.FILE) || seg[0].equals(".checkpoints")
                    || seg[0].equals(PublishJournal.REPLACED) || seg[0].startsWith(PublishJournal.PREFIX)
                    || seg[0].equals(PENDING);
            if (bad) {
                throw new IllegalArgumentException("not a folder a run can publish: '" + d + "'");
            }
            for (String o : out) {
                if (o.startsWith(d + "/")) {
                    throw new IllegalArgumentException("cannot publish both " + d + " and " + o + " (one inside the other)");
                }
            }
        }
        return out;
    }

    /**
     * Brings {@code out} back to a consistent state before a command does anything else; the caller holds
     * its {@link OutputLock}, so every staging folder under {@code out/.staging} belongs to a command that
     * is gone. A publish that a crash interrupted is finished (its journal says what was decided: every
     * staged copy it lists is still there); a folder left by an older sliflow's interrupted publish gets
     * back each partition it had moved aside and not replaced; then the stale staging folders are deleted
     * (their runs never reached publishing, or finished it). A journal that cannot be completed stops the
     * command, naming it, with nothing deleted.
     */
    public static void recover(Path out, java.io.PrintStream log) throws IOException {
        Path root = new Path(out, ".staging");
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return;
        }
        FileStatus[] runs = fs.listStatus(root);
        java.util.Arrays.sort(runs, java.util.Comparator.comparing(st -> st.getPath().getName()));
        for (FileStatus st : runs) {
            Path run = st.getPath();
            if (!st.isDir()) {
                continue;
            }
            java.util.Map<Integer, Path> all = PublishJournal.journals(run, true);
            for (Path file : PublishJournal.journals(run, false).values()) {
                PublishJournal j = PublishJournal.read(out, run, file);
                j.forward();
                j.done();
                log.println("sliflow: completed the publish of " + j.entries.size() + " folder(s) that run "
                        + run.getName() + " was interrupted in (--out " + out + ")");
            }
            if (all.isEmpty() && fs.exists(new Path(run, PublishJournal.REPLACED))) {
                restoreLegacy(out, new Path(run, PublishJournal.REPLACED), log);
            }
            cleanUp(run);
        }
        FileStatus[] left = fs.exists(root) ? fs.listStatus(root) : null;
        if (left != null && left.length == 0) {
            fs.delete(root, false);
        }
    }

    /** An older sliflow's {@code .replaced}: puts back each table or partition that is missing from {@code out}. */
    private static void restoreLegacy(Path out, Path replaced, java.io.PrintStream log) throws IOException {
        FileSystem fs = replaced.getFileSystem();
        for (FileStatus t : fs.listStatus(replaced)) {
            Path table = new Path(out, t.getPath().getName());
            if (!fs.exists(table)) {
                PublishJournal.rename(t.getPath(), table);
                log.println("sliflow: put back " + table + " (moved aside by an interrupted publish)");
                continue;
            }
            if (!t.isDir()) {
                continue;
            }
            for (FileStatus p : fs.listStatus(t.getPath())) {
                Path part = new Path(table, p.getPath().getName());
                if (p.isDir() && p.getPath().getName().startsWith("dt=") && !fs.exists(part)) {
                    PublishJournal.rename(p.getPath(), part);
                    log.println("sliflow: put back " + part + " (moved aside by an interrupted publish)");
                }
            }
        }
    }
}
