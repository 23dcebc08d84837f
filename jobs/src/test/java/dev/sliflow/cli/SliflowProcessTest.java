package dev.sliflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs/jvm.options as the launcher reads it: comments, several options per line, lines for one command. */
class SliflowProcessTest {
    @TempDir
    Path dir;

    @Test
    void commandLinesApplyOnlyToTheirCommandAndTheEnvironmentComesLast() throws Exception {
        Path f = dir.resolve("jvm.options");
        Files.writeString(f, "# a comment: -XX:NotThis\n-Xms1g -Xmx1g   # trailing\n\ningest: -XX:+UseParallelGC\n"
                + "  backtest:-XX:+UseG1GC\n-XX:FreqInlineSize=50\n");
        assertThat(SliflowProcess.jvmOptions(f, "ingest", " -Dx=1 "))
                .containsExactly("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-XX:FreqInlineSize=50", "-Dx=1");
        assertThat(SliflowProcess.jvmOptions(f, "backtest", null))
                .containsExactly("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:FreqInlineSize=50");
        assertThat(SliflowProcess.jvmOptions(f, "demo", ""))
                .containsExactly("-Xms1g", "-Xmx1g", "-XX:FreqInlineSize=50");
        // the JVM refuses two collectors: the user's replaces the file's
        assertThat(SliflowProcess.jvmOptions(f, "ingest", "-XX:+UseZGC"))
                .containsExactly("-Xms1g", "-Xmx1g", "-XX:FreqInlineSize=50", "-XX:+UseZGC");
    }

    @Test
    void theRepositoryFileGivesTheLauncherTheSameOptions() throws Exception {
        // the committed file, read as ./sliflow's sed reads it (ReadmeTest runs from the repository root)
        Path f = Path.of("jobs/jvm.options");
        assertThat(SliflowProcess.jvmOptions(f, "ingest", null)).contains("-Xmx1g", "-XX:+UseParallelGC");
        List<String> backtest = SliflowProcess.jvmOptions(f, "backtest", null);
        assertThat(backtest).contains("-Xmx1g", "-Xmx2g").doesNotContain("-XX:+UseParallelGC");
        assertThat(backtest.lastIndexOf("-Xmx2g")).as("the backtest's own heap comes last, so it wins").isGreaterThan(backtest.indexOf("-Xmx1g"));
        for (String extra : new String[] {"", "-Dx=1", "-XX:+UseSerialGC -Dx=1"}) {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "HERE=.; source <(sed -n '/^jvm_opts()/,/^}/p' sliflow); jvm_opts ingest");
            pb.environment().put("SLIFLOW_JAVA_OPTS", extra);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            assertThat(p.waitFor()).isZero();
            assertThat(String.join(" ", SliflowProcess.jvmOptions(f, "ingest", extra))).as("SLIFLOW_JAVA_OPTS=%s", extra)
                    .isEqualTo(out.replaceAll("\\s+", " "));
        }
    }

    @Test
    void theBenchmarksUseTheLaunchersClassDataArchiveOfEachCommand() throws Exception {
        for (String command : new String[] {"ingest", "backtest", "demo", "query", ""}) {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                    "HERE=/h; source <(sed -n '/^cds_archive()/,/^}/p' sliflow); cds_archive '" + command + "'");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            assertThat(p.waitFor()).isZero();
            assertThat(out).as("command %s", command).isEqualTo("/h/target/" + SliflowProcess.archiveName(command));
        }
        assertThat(SliflowProcess.archiveName("ingest")).isEqualTo("sliflow-ingest.jsa");
        assertThat(SliflowProcess.archiveName("backtest")).isEqualTo("sliflow.jsa");
        // used only when it is newer than the jar
        Path jar = Files.writeString(dir.resolve("sliflow.jar"), "jar");
        assertThat(SliflowProcess.classDataSharing(jar, "ingest")).isEmpty();
        Path jsa = Files.writeString(dir.resolve("sliflow-ingest.jsa"), "archive");
        Files.setLastModifiedTime(jsa, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(SliflowProcess.classDataSharing(jar, "ingest")).first().isEqualTo("-XX:SharedArchiveFile=" + jsa);
        assertThat(SliflowProcess.classDataSharing(jar, "backtest")).as("sliflow.jsa is missing").isEmpty();
        Files.setLastModifiedTime(jsa, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 1000));
        assertThat(SliflowProcess.classDataSharing(jar, "ingest")).as("older than the jar").isEmpty();
    }
}
