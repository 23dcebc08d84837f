package dev.sliflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    /** The closing "Tables:" line names the tables the run wrote, not a fixed list (it missed unmatched_paths). */
    @Test
    void theTablesLineNamesTheTablesTheOutputHolds(@TempDir Path out) throws Exception {
        for (String d : new String[] {"slo_daily", "unmatched_paths", "sli_minute", "openslo", "report", "rejects"}) {
            Files.createDirectories(out.resolve(d));
        }
        Files.writeString(out.resolve("alerts"), "a file, not a table folder");
        assertThat(DemoCommand.tablesIn(out)).containsExactly("sli_minute", "rejects", "unmatched_paths", "slo_daily");
    }
}
