package dev.sliflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.report.ReportScreenshot;
import dev.sliflow.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's picture of the report is there and of the current layout: the committed PNG carries the layout stamp
 * that {@code ./sliflow screenshot} wrote into it, and that stamp must be {@link ReportWriter#layoutStamp()} of this
 * build (file times mean nothing in a fresh clone). Raising {@code ReportWriter.LAYOUT_VERSION} or changing the
 * report's CSS makes this fail until the picture is made again.
 */
class ScreenshotTest {
    static final Path PNG = ReadmeTest.REPO.resolve("jobs/report.png");
    static final String FIX = " (run ./sliflow screenshot and commit jobs/report.png)";

    @Test
    void theReportPictureIsOfTheCurrentLayout() throws Exception {
        assertThat(PNG).as("the README's picture of the report" + FIX).isRegularFile();
        byte[] png = Files.readAllBytes(PNG);
        assertThat(ReportScreenshot.size(png)).as("picture size" + FIX).containsExactly(ReportScreenshot.WIDTH, ReportScreenshot.HEIGHT);
        assertThat(ReportScreenshot.text(png, ReportScreenshot.KEY)).as("the picture's layout stamp" + FIX)
                .contains(ReportWriter.layoutStamp());
    }

    @Test
    void theReadmeShowsItAndNamesTheCommandThatMakesIt() throws Exception {
        String readme = Files.readString(ReadmeTest.REPO.resolve("README.md"));
        assertThat(readme).contains("](jobs/report.png)", "`./sliflow screenshot`");
        assertThat(Files.readString(ReadmeTest.REPO.resolve("sliflow")))
                .contains("\"${1:-}\" = \"screenshot\"", "--screenshot \"$HERE/jobs/report.png\"");
        assertThat(Files.readString(ReadmeTest.REPO.resolve("jobs/SLO.md")))
                .contains(ReportScreenshot.WIDTH + " px wide", "top " + ReportScreenshot.HEIGHT + " px");
    }
}
