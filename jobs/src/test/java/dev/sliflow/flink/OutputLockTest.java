package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per output folder: {@link OutputLock} against live, dead and foreign holders. */
class OutputLockTest {
    @TempDir
    Path tmp;

    /** Holds the lock of args[0] in its own JVM until its stdin closes (a command that is running). */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (OutputLock l = OutputLock.acquire(args[0], "ingest --mode stream", System.err)) {
                System.out.println("held");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // until the test closes our stdin
                }
            }
        }
    }

    static Process holder(Path out) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                out.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).isEqualTo("held");
        return p;
    }

    static String acquireLog(Path out) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputLock.acquire(out.toString(), "backtest", new PrintStream(err, true, StandardCharsets.UTF_8)).close();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSecondCommandIsRefusedNamingTheHolderAndTheLockOfAKilledHolderIsRecovered() throws Exception {
        Path out = tmp.resolve("out");
        Process p = holder(out);
        try {
            assertThatThrownBy(() -> acquireLog(out)).isInstanceOf(OutputLock.InUseException.class)
                    .hasMessageStartingWith("--out " + out + " is in use by another sliflow command: pid " + p.pid()
                            + " on host " + OutputLock.hostName() + " (sliflow ingest --mode stream, started ")
                    .hasMessageEndingWith("; one writer per output folder: wait for it to end");
            assertThat(out.resolve(OutputLock.FILE)).exists();
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, the lock file stays
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(out.resolve(OutputLock.FILE)).as("left by the killed holder").exists();
        assertThat(acquireLog(out)).startsWith("sliflow: recovered the lock of --out " + out + " left by pid " + p.pid()
                + " on host " + OutputLock.hostName() + " (sliflow ingest --mode stream, started ")
                .contains(", which is no longer running");
        assertThat(out.resolve(OutputLock.FILE)).as("released").doesNotExist();
    }

    @Test
    void aHolderThatEndsNormallyReleasesTheLock() throws Exception {
        Path out = tmp.resolve("out");
        Process p = holder(out);
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.resolve(OutputLock.FILE)).doesNotExist();
        assertThat(acquireLog(out)).isEmpty();
    }

    /** A lock file as a holder of {@code pid} on {@code host} writes it. */
    static void lockFile(Path out, long pid, String host) throws Exception {
        Files.createDirectories(out);
        Files.writeString(out.resolve(OutputLock.FILE), new OutputLock.Holder(pid, host, "sliflow ingest",
                Instant.parse("2026-06-02T06:00:00Z"), -1, "t0").text());
    }

    @Test
    void theLockOfADeadPidOnThisHostIsRecovered() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path out = tmp.resolve("out");
        lockFile(out, gone.pid(), OutputLock.hostName());
        assertThat(acquireLog(out)).isEqualTo("sliflow: recovered the lock of --out " + out + " left by pid " + gone.pid()
                + " on host " + OutputLock.hostName() + " (sliflow ingest, started 2026-06-02T06:00:00Z), which is no"
                + " longer running" + System.lineSeparator());
    }

    @Test
    void aLockFromAnotherHostIsRefusedSayingHowToRemoveIt() throws Exception {
        Path out = tmp.resolve("out");
        lockFile(out, 1234, "build-7.example");
        assertThatThrownBy(() -> acquireLog(out)).isInstanceOf(OutputLock.InUseException.class)
                .hasMessage("--out " + out + " is in use by another sliflow command: pid 1234 on host build-7.example"
                        + " (sliflow ingest, started 2026-06-02T06:00:00Z), which cannot be checked from this host; if you"
                        + " are sure it is no longer running, delete " + out.resolve(OutputLock.FILE));
        assertThat(out.resolve(OutputLock.FILE)).exists();
        Files.writeString(out.resolve(OutputLock.FILE), "");
        assertThatThrownBy(() -> acquireLog(out)).isInstanceOf(OutputLock.InUseException.class)
                .hasMessageContaining("names no holder");
    }

    @Test
    void aLiveProcessOnThisHostKeepsItsLockEvenWithoutItsOsLock() throws Exception {
        // a holder whose file says a running process (this test's JVM, by pid and start): never taken over
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(out.resolve(OutputLock.FILE), new OutputLock.Holder(self.pid(), OutputLock.hostName(),
                "sliflow ingest", Instant.parse("2026-06-02T06:00:00Z"),
                self.info().startInstant().orElseThrow().toEpochMilli(), "t0").text());
        assertThatThrownBy(() -> acquireLog(out)).isInstanceOf(OutputLock.InUseException.class)
                .hasMessageContaining("pid " + self.pid());
    }

    @Test
    void oneJvmTakesALockOnceAndReleasesIt() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputLock l = OutputLock.acquire(out.toString(), "demo", System.err)) {
            assertThat(OutputLock.heldHere(new org.apache.flink.core.fs.Path(out.toString()))).isTrue();
            assertThatThrownBy(() -> acquireLog(out)).isInstanceOf(OutputLock.InUseException.class)
                    .hasMessageContaining("(sliflow demo, started ");
        }
        assertThat(OutputLock.heldHere(new org.apache.flink.core.fs.Path(out.toString()))).isFalse();
        assertThat(acquireLog(out)).isEmpty();
        OutputLock.acquire(out.toString(), "report", System.err);
        OutputLock.releaseHeldByCurrentThread();
        assertThat(out.resolve(OutputLock.FILE)).doesNotExist();
    }
}
