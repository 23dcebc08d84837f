package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing under crashes: whatever step a crash interrupts, the next command on the same
 * {@code --out} finds every partition whole (old or new, never missing, never mixed) and has
 * deleted no copy of a partition it still needed.
 */
class PublishCrashTest {
    @TempDir
    Path tmp;

    /** A folder holding one file whose name and content say which version of {@code rel} it is. */
    static void dir(Path root, String rel, String version) throws IOException {
        Path d = Files.createDirectories(root.resolve(rel));
        Files.writeString(d.resolve(version + ".parquet"), version + ":" + rel, StandardCharsets.UTF_8);
    }

    /** "old", "new", "missing" or "mixed/other" for the folder {@code out/rel}. */
    static String version(Path out, String rel) throws IOException {
        Path d = out.resolve(rel);
        if (!Files.isDirectory(d)) {
            return "missing";
        }
        try (var s = Files.list(d)) {
            var names = s.map(p -> p.getFileName().toString()).sorted().toList();
            for (String v : new String[] {"old", "new"}) {
                if (names.equals(java.util.List.of(v + ".parquet"))
                        && Files.readString(d.resolve(v + ".parquet")).equals(v + ":" + rel)) {
                    return v;
                }
            }
            return "mixed " + names;
        }
    }

    @Test
    void aPublishInterruptedByAnEarlierVersionNeverLosesTheOnlyCopy() throws Exception {
        // what the previous committer left when killed between "old moved aside" and "new moved in":
        // dt=2026-06-02 is missing from the table, its only copy is in .staging/<run>/.replaced
        Path out = tmp.resolve("out");
        dir(out, "sli_minute/dt=2026-06-01", "old");
        Path run = out.resolve(".staging/20260602T060000Z-abc");
        dir(run.resolve(".replaced"), "sli_minute/dt=2026-06-02", "old");
        dir(run, "sli_minute/dt=2026-06-02", "new");
        dir(run, "sli_minute/dt=2026-06-03", "new");

        Jobs.prepareOutput(new org.apache.flink.core.fs.Path(out.toString()));

        assertThat(version(out, "sli_minute/dt=2026-06-01")).isEqualTo("old");
        assertThat(version(out, "sli_minute/dt=2026-06-02")).as("the only copy of a partition is put back").isEqualTo("old");
        assertThat(version(out, "sli_minute/dt=2026-06-03")).as("never published: stays unpublished").isEqualTo("missing");
    }

    // ---- a crash at every step of a publish (and of the recovery), then the next command ----

    /** Thrown by the test hook where a crash would stop the process: nothing after it runs. */
    static final class Crash extends Error {
        Crash(String what) {
            super("crash after: " + what);
        }
    }

    /** Folder -> {published before, staged by the run}. */
    static final Map<String, boolean[]> DIRS = new LinkedHashMap<>();

    static {
        DIRS.put("sli_minute/dt=2026-06-01", new boolean[] {true, true}); // replaced
        DIRS.put("sli_minute/dt=2026-06-02", new boolean[] {true, false}); // removed: the run found no rows
        DIRS.put("sli_minute/dt=2026-06-03", new boolean[] {false, true}); // added
        DIRS.put("rejects/dt=2026-06-01", new boolean[] {true, true});
        DIRS.put(".lineage/sli_minute/dt=2026-06-01/src=ab12cd", new boolean[] {true, true});
        DIRS.put(".lineage/sli_minute/dt=2026-06-01/src=ff0000", new boolean[] {false, true});
        DIRS.put("slo_summary", new boolean[] {true, true}); // a whole table
    }

    static final String UNTOUCHED = "sli_minute/dt=2026-05-31";

    Path out;
    Path run;

    void fixture(String name) throws IOException {
        out = tmp.resolve(name);
        run = out.resolve(".staging/20260602T060000Z-" + name);
        dir(out, UNTOUCHED, "old");
        for (Map.Entry<String, boolean[]> e : DIRS.entrySet()) {
            if (e.getValue()[0]) {
                dir(out, e.getKey(), "old");
            }
            if (e.getValue()[1]) {
                dir(run, e.getKey(), "new");
            }
        }
    }

    org.apache.flink.core.fs.Path flink(Path p) {
        return new org.apache.flink.core.fs.Path(p.toString());
    }

    int publish() throws IOException {
        return PartitionCommitter.publish(flink(out), flink(run), new ArrayList<>(DIRS.keySet()));
    }

    /** What the next command does first: take the lock (which recovers --out), then release it. */
    String nextCommand() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputLock.acquire(out.toString(), "test", new PrintStream(err, true, StandardCharsets.UTF_8)).close();
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every folder of the publish holds {@code expected} (old, or new: absent when the run staged none). */
    void assertAll(String expected, String when) throws IOException {
        for (Map.Entry<String, boolean[]> e : DIRS.entrySet()) {
            boolean has = e.getValue()["old".equals(expected) ? 0 : 1];
            assertThat(version(out, e.getKey())).as("%s: %s", when, e.getKey()).isEqualTo(has ? expected : "missing");
        }
        assertThat(version(out, UNTOUCHED)).as(when).isEqualTo("old");
        if (Files.exists(out.resolve(".staging"))) {
            try (var w = Files.walk(out.resolve(".staging"))) {
                assertThat(w.map(Path::toString).toList()).as(when + ": stale staging removed after use").isEmpty();
            }
        }
    }

    /** Until the journal is done, each old and each new copy is somewhere: in place, aside or staged. */
    void assertNoCopyLost(String when) throws IOException {
        boolean done = Files.exists(run.resolve(".publish-1.journal.done")) || !Files.exists(run);
        for (Map.Entry<String, boolean[]> e : DIRS.entrySet()) {
            String d = e.getKey();
            List<String> where = List.of(version(out, d), version(run, d), version(run.resolve(".replaced"), d));
            assertThat(where).as("%s: %s", when, d).allSatisfy(v -> assertThat(v).isIn("old", "new", "missing"));
            if (e.getValue()[1] && !done) {
                assertThat(where).as("%s: new %s kept", when, d).contains("new");
            }
            if (e.getValue()[0] && !done) {
                assertThat(where).as("%s: old %s kept", when, d).contains("old");
            }
        }
    }

    /** Steps of a publish that completes, as the hook sees them. */
    List<String> steps(String name) throws IOException {
        List<String> seen = new ArrayList<>();
        fixture(name);
        PublishJournal.step = seen::add;
        try {
            assertThat(publish()).isEqualTo(6);
        } finally {
            PublishJournal.step = what -> { };
        }
        assertAll("new", "no crash");
        return seen;
    }

    static PublishJournal.Step crashAt(int k) {
        int[] n = {0};
        return what -> {
            if (++n[0] == k) {
                throw new Crash(what);
            }
        };
    }

    @AfterEach
    void noHook() {
        PublishJournal.step = what -> { };
    }

    @Test
    void aCrashAtAnyStepOfAPublishIsFinishedByTheNextCommand() throws Exception {
        List<String> steps = steps("clean");
        assertThat(steps).hasSizeGreaterThan(DIRS.size() + 3);
        int beforeJournal = steps.indexOf("journal in place"); // crashes up to this step: nothing decided yet
        for (int k = 1; k <= steps.size(); k++) {
            String when = "crash after step " + k + " (" + steps.get(k - 1) + ")";
            fixture("k" + k);
            PublishJournal.step = crashAt(k);
            assertThatThrownBy(this::publish).as(when).isInstanceOf(Crash.class);
            PublishJournal.step = what -> { };
            assertNoCopyLost(when);
            nextCommand();
            assertAll(k <= beforeJournal ? "old" : "new", when);
        }
    }

    @Test
    void aCrashDuringRecoveryIsRecoveredByTheCommandAfter() throws Exception {
        List<String> steps = steps("clean2");
        int beforeJournal = steps.indexOf("journal in place");
        for (int k = 1; k <= steps.size(); k++) {
            for (int j = 1; ; j++) {
                String when = "crash after publish step " + k + ", then after recovery step " + j;
                fixture("k" + k + "j" + j);
                PublishJournal.step = crashAt(k);
                assertThatThrownBy(this::publish).as(when).isInstanceOf(Crash.class);
                PublishJournal.step = crashAt(j);
                boolean crashed;
                try {
                    nextCommand();
                    crashed = false;
                } catch (Crash c) {
                    crashed = true;
                }
                PublishJournal.step = what -> { };
                assertNoCopyLost(when);
                nextCommand();
                assertAll(k <= beforeJournal ? "old" : "new", when);
                if (!crashed) {
                    break; // the recovery had fewer than j steps
                }
            }
        }
    }

    @Test
    void aRenameThatFailsUndoesThePublishOrLeavesItToTheNextCommand() throws Exception {
        List<String> steps = steps("clean3");
        for (int k = 1; k <= steps.size(); k++) {
            String when = "I/O error at step " + k + " (" + steps.get(k - 1) + ")";
            fixture("io" + k);
            int[] n = {0};
            int at = k;
            PublishJournal.step = what -> {
                if (++n[0] == at) {
                    throw new IOException("No space left on device");
                }
            };
            String msg;
            try {
                publish();
                msg = null;
            } catch (IOException e) {
                msg = e.getMessage();
            }
            PublishJournal.step = what -> { };
            assertThat(msg).as(when).isNotNull();
            assertNoCopyLost(when);
            if (msg.endsWith("the published tables are unchanged")) {
                assertAll("old", when); // undone at once, staging removed
            }
            nextCommand();
            assertThat(version(out, "sli_minute/dt=2026-06-01")).as(when).isIn("old", "new");
            assertAll(version(out, "sli_minute/dt=2026-06-01"), when);
        }
    }

    @Test
    void theNextCommandSaysWhatItCompleted() throws Exception {
        int aside = steps("clean4").indexOf("moved sli_minute/dt=2026-06-01 aside") + 1;
        fixture("said");
        PublishJournal.step = crashAt(aside);
        assertThatThrownBy(this::publish).isInstanceOf(Crash.class);
        PublishJournal.step = what -> { };
        assertThat(version(out, "sli_minute/dt=2026-06-01")).as("the crash left the date missing").isEqualTo("missing");
        assertThat(nextCommand()).contains("sliflow: completed the publish of 7 folder(s) that run " + run.getFileName()
                + " was interrupted in (--out " + out + ")");
        assertAll("new", "recovered");
    }

    @Test
    void foldersThatAreNotOursOrNestInEachOtherAreRefused() throws Exception {
        fixture("bad");
        for (String bad : new String[] {"../elsewhere", "/etc", "a//b", ".staging/x", ".lock", "a/./b", ""}) {
            assertThatThrownBy(() -> PartitionCommitter.publish(flink(out), flink(run), List.of(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PartitionCommitter.publish(flink(out), flink(run),
                List.of("sli_minute", "sli_minute/dt=2026-06-01"))).hasMessageContaining("one inside the other");
        assertThat(version(out, "sli_minute/dt=2026-06-01")).isEqualTo("old");
    }

    @Test
    void aSecondCommandCannotTouchTheStagingOfTheCommandHoldingTheLock() throws Exception {
        fixture("own");
        Path stale = Files.createDirectories(out.resolve(".staging/20260601T000000Z-killed/sli_minute/dt=2026-06-09"));
        try (OutputLock held = OutputLock.acquire(out.toString(), "ingest", System.err)) {
            assertThat(stale.getParent().getParent()).as("a dead run's folder, no journal: removed under the lock")
                    .doesNotExist();
            fixture("own"); // the holder's job stages its output
            assertThatThrownBy(() -> OutputLock.acquire(out.toString(), "backtest", System.err))
                    .isInstanceOf(OutputLock.InUseException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid() + " on host ")
                    .hasMessageContaining("(sliflow ingest, started ");
            Jobs.prepareOutput(new org.apache.flink.core.fs.Path(out.toString())); // a job's own preparation
            assertNoCopyLost("while the lock is held");
            assertThat(version(run, "sli_minute/dt=2026-06-03")).isEqualTo("new");
            publish();
            assertAll("new", "published by the holder");
        }
        assertThat(out.resolve(OutputLock.FILE)).doesNotExist();
    }
}
