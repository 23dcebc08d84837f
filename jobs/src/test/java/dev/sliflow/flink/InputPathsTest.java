package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file the start-up warm-up samples: the one the reader lists first. */
class InputPathsTest {
    @TempDir
    Path tmp;

    static org.apache.flink.core.fs.Path flink(Path p) {
        return new org.apache.flink.core.fs.Path(p.toUri());
    }

    @Test
    void theFirstLocalFileIsTheFirstInPathOrderSkippingHiddenNames() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.createDirectories(logs.resolve("b-host"));
        Files.writeString(logs.resolve("b-host/access-2026-03-01.log"), "x\n");
        Files.writeString(logs.resolve("c.log"), "x\n");
        Files.writeString(logs.resolve(".a-hidden.log"), "x\n");
        Files.writeString(logs.resolve("_a-staging.log"), "x\n");
        assertThat(InputPaths.firstLocalFile(List.of(flink(logs)))).isEqualTo(logs.resolve("b-host/access-2026-03-01.log"));
        assertThat(InputPaths.firstLocalFile(List.of(flink(logs.resolve("c.log")), flink(logs)))).isEqualTo(logs.resolve("c.log"));
        assertThat(InputPaths.firstLocalFile(List.of(new org.apache.flink.core.fs.Path(logs.resolve("c.log").toString()))))
                .as("a path without a scheme is local").isEqualTo(logs.resolve("c.log"));
    }

    @Test
    void noFileWhenTheFirstInputHoldsNoneOrIsNotLocal() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve(".hidden"), "x\n");
        assertThat(InputPaths.firstLocalFile(List.of(flink(empty)))).isNull();
        assertThat(InputPaths.firstLocalFile(List.of(new org.apache.flink.core.fs.Path("s3://bucket/logs/")))).isNull();
    }
}
