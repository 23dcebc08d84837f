package dev.sliflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        for (int java : new int[] {17, 21, 25}) {
            for (String command : new String[] {"ingest", "backtest", "demo", "query", ""}) {
                ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                        "HERE=/h; JAVA_MAJOR=" + java + "; source <(sed -n '/^cds_archive()/,/^}/p' sliflow); cds_archive '" + command + "'");
                pb.redirectErrorStream(true);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                assertThat(p.waitFor()).isZero();
                assertThat(out).as("command %s on Java %d", command, java).isEqualTo("/h/target/" + SliflowProcess.archiveName(command, java));
            }
        }
        assertThat(SliflowProcess.archiveName("ingest", 17)).isEqualTo("sliflow-ingest.jsa");
        assertThat(SliflowProcess.archiveName("backtest", 17)).isEqualTo("sliflow.jsa");
        assertThat(SliflowProcess.archiveName("ingest", 25)).isEqualTo("sliflow-ingest.java25.aot");
        assertThat(SliflowProcess.archiveName("demo", 25)).isEqualTo("sliflow.java25.aot");
        // used only when it is newer than the jar
        Path jar = Files.writeString(dir.resolve("sliflow.jar"), "jar");
        assertThat(SliflowProcess.classDataSharing(jar, "ingest", 17)).isEmpty();
        Path jsa = Files.writeString(dir.resolve("sliflow-ingest.jsa"), "archive");
        Path aot = Files.writeString(dir.resolve("sliflow-ingest.java25.aot"), "archive");
        for (Path a : List.of(jsa, aot)) {
            Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        }
        assertThat(SliflowProcess.classDataSharing(jar, "ingest", 17)).first().isEqualTo("-XX:SharedArchiveFile=" + jsa);
        assertThat(SliflowProcess.classDataSharing(jar, "ingest", 25)).first().isEqualTo("-XX:AOTCache=" + aot);
        // the same options as the launcher's
        for (int java : new int[] {17, 25}) {
            Path archive = java >= 25 ? aot : jsa;
            assertThat(bash("JAVA_MAJOR=" + java + "; source <(sed -n '/^cds_opts()/,/^}/p' sliflow); cds_opts use " + archive, Map.of()))
                    .as("Java %d", java).isEqualTo(String.join(" ", SliflowProcess.classDataSharing(jar, "ingest", java)));
        }
        assertThat(SliflowProcess.classDataSharing(jar, "backtest", 17)).as("sliflow.jsa is missing").isEmpty();
        assertThat(SliflowProcess.classDataSharing(jar, "backtest", 25)).as("sliflow.java25.aot is missing").isEmpty();
        Files.setLastModifiedTime(jsa, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 1000));
        assertThat(SliflowProcess.classDataSharing(jar, "ingest", 17)).as("older than the jar").isEmpty();
    }

    @Test
    void theLauncherRunsSliflowJavaElseJavaHomesElseThePathsAndReadsItsVersion() throws Exception {
        Path home = dir.resolve("jdk-25.0.3");
        Path java = Files.writeString(Files.createDirectories(home.resolve("bin")).resolve("java"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"25.0.3\"\n");
        String functions = "source <(sed -n '/^java_major()/,/^}/p; /^pick_java()/,/^}/p' sliflow); ";
        assertThat(bash(functions + "pick_java", Map.of())).isEqualTo("java");
        assertThat(bash(functions + "pick_java", Map.of("JAVA_HOME", home.toString()))).isEqualTo(java.toString());
        assertThat(bash(functions + "pick_java", Map.of("JAVA_HOME", home.toString(), "SLIFLOW_JAVA", "/opt/my/java")))
                .isEqualTo("/opt/my/java");
        assertThat(bash(functions + "java_major " + java, Map.of())).isEqualTo("25");
        assertThat(bash(functions + "java_major " + dir.resolve("nowhere/bin/java"), Map.of())).as("no release file").isEmpty();
    }

    private static String bash(String script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; set -f; " + script);
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("SLIFLOW_JAVA");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
