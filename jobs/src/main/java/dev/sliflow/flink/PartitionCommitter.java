package dev.sliflow.flink;

import java.io.IOException;
import java.time.LocalDate;
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
 * that fails before this step leaves the published tables untouched.
 */
public final class PartitionCommitter {
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

    /**
     * Replaces the whole (unpartitioned) tables {@code out/<table>} by the staged ones, one directory
     * rename each; a table the run did not produce is removed (the run recomputed it and found no
     * rows). Call before {@link #commit}, which deletes the staging folder.
     */
    public static void replaceTables(Path out, Path staging, List<String> tables) throws IOException {
        FileSystem fs = out.getFileSystem();
        Path trash = new Path(staging, ".replaced");
        for (String t : tables) {
            Path target = new Path(out, t);
            Path staged = new Path(staging, t);
            if (fs.exists(target)) {
                fs.mkdirs(trash);
                if (!fs.rename(target, new Path(trash, t))) {
                    throw new IOException("could not move " + target + " aside");
                }
            }
            if (fs.exists(staged) && !fs.rename(staged, target)) {
                throw new IOException("could not publish " + staged + " as " + target);
            }
        }
    }

    /**
     * Replaces {@code out/<table>/dt=<d>} by the staged one for every table and date; a date with no
     * staged data for a table leaves that table's partition removed (the run re-processed that date
     * and found no rows). Deletes the staging folder at the end.
     *
     * @return number of partitions written
     */
    public static int commit(Path out, Path staging, List<String> tables, Set<String> dts) throws IOException {
        FileSystem fs = out.getFileSystem();
        Path trash = new Path(staging, ".replaced");
        int written = 0;
        for (String t : tables) {
            for (String dt : dts) {
                String part = "dt=" + dt;
                Path target = new Path(new Path(out, t), part);
                Path staged = new Path(new Path(staging, t), part);
                if (fs.exists(target)) {
                    Path aside = new Path(new Path(trash, t), part);
                    fs.mkdirs(aside.getParent());
                    if (!fs.rename(target, aside)) {
                        throw new IOException("could not move " + target + " aside");
                    }
                }
                if (fs.exists(staged)) {
                    fs.mkdirs(target.getParent());
                    if (!fs.rename(staged, target)) {
                        Path aside = new Path(new Path(trash, t), part);
                        if (fs.exists(aside) && !fs.exists(target)) {
                            fs.rename(aside, target); // put the old partition back: never a missing date
                        }
                        throw new IOException("could not publish " + staged + " as " + target
                                + " (partitions published before it are new, the others unchanged; re-run)");
                    }
                    written++;
                }
            }
        }
        Jobs.deleteTree(staging);
        Path parent = staging.getParent();
        FileStatus[] left = fs.listStatus(parent);
        if (left == null || left.length == 0) {
            fs.delete(parent, false);
        }
        return written;
    }
}
