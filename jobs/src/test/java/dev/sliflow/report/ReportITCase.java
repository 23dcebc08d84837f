package dev.sliflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report end to end: generated logs → ingest → backtest → {@code sliflow report}; every
 * recommendation (read back with DuckDB) is on the page, and headless Chromium renders it offline —
 * every chart has data, no console error, no network request (any host name would fail to resolve).
 */
class ReportITCase {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    @TempDir
    static Path tmp;
    static Path out;
    static Path html;

    @BeforeAll
    static void backtestAndReport() throws Exception {
        Path logs = tmp.resolve("logs");
        LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(4).perDay(20_000).seed(5)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        out = tmp.resolve("out");
        assertThat(Main.execute("ingest", "--logs", logs.resolve("nginx").toString(), "--journeys",
                logs.resolve("journeys.yaml").toString(), "--out", out.toString(), "--quiet")).isZero();
        assertThat(Main.execute("backtest", "--out", out.toString(), "--slos", logs.resolve("slos.yaml").toString(),
                "--quiet")).isZero();
        assertThat(Main.execute("report", "--out", out.toString())).isZero();
        html = out.resolve("report/index.html");
    }

    @Test
    void everyRecommendationIsOnThePage() throws Exception {
        assertThat(html).isRegularFile();
        String page = Files.readString(html);
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT journey, target, evidence FROM read_parquet('"
                        + out.resolve("slo_recommendation") + "/*.parquet')")) {
            while (r.next()) {
                rows++;
                String evidence = Html.esc(r.getString("evidence"));
                assertThat(page).contains(evidence);
                assertThat(page).contains("<td class=\"tgt\">" + Html.target(r.getDouble("target")) + "</td>");
                assertThat(page).contains("<td>" + Html.esc(r.getString("journey")) + "</td>");
            }
        }
        assertThat(rows).isGreaterThan(0);
        assertThat(count(page, "<tr class=\"rec")).isEqualTo(rows);
        // each recommended candidate's alert_quality rows, one per alert policy, with the recommended policy marked
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT r.slo_id, r.policy, count(*) AS policies FROM read_parquet('"
                        + out.resolve("slo_recommendation") + "/*.parquet') r JOIN read_parquet('" + out.resolve("alert_quality")
                        + "/*.parquet') q ON q.slo_id = r.slo_id GROUP BY ALL")) {
            int tables = 0;
            while (r.next()) {
                tables++;
                String id = Html.esc(r.getString("slo_id"));
                int at = page.indexOf("data-alert-quality=\"" + id + "\"");
                assertThat(at).as("alert quality of %s", id).isPositive();
                String table = page.substring(at, page.indexOf("</table>", at));
                assertThat(count(table, "<tr")).as(id).isEqualTo(1 + r.getInt("policies"));
                assertThat(table).contains(Html.esc(r.getString("policy")) + " ◀ recommended");
            }
            assertThat(tables).isEqualTo(rows);
        }
        // the time to exhaustion of each evaluated recommended target, as slo_daily has it on its last day
        assertThat(count(page, "<p class=\"tte\">")).isPositive();
        assertThat(page).containsPattern("budget left on \\d{4}-\\d\\d-\\d\\d: [-0-9.]+%; (at that day's burn rate it would run out"
                + " in \\d+ days|already spent|that day burnt none of it)");
    }

    @Test
    void missingTablesAreAUsageError() {
        assertThat(Main.execute("report", "--out", tmp.resolve("nothing").toString())).isEqualTo(2);
    }

    @Test
    void chromiumRendersItOfflineWithData() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("headless Chromium is needed at " + CHROMIUM + ": install Debian's chromium"
                    + " (apt-get install -y chromium; .ci/run does it)");
        }
        Path shot = tmp.resolve("report.png");
        Run screenshot = chromium("--screenshot=" + shot, "--window-size=1400,2200", "--enable-logging=stderr", "--v=0");
        assertThat(shot).isRegularFile();
        assertThat(Files.size(shot)).isGreaterThan(10_000);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target/report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);

        // the README's picture is made the same way (sliflow report --screenshot): the size it documents, the layout stamp
        Path stamped = tmp.resolve("stamped/report.png");
        assertThat(Main.execute("report", "--out", out.toString(), "--screenshot", stamped.toString())).isZero();
        byte[] png = Files.readAllBytes(stamped);
        assertThat(ReportScreenshot.size(png)).containsExactly(ReportScreenshot.WIDTH, ReportScreenshot.HEIGHT);
        assertThat(ReportScreenshot.text(png, ReportScreenshot.KEY)).contains(ReportWriter.layoutStamp());
        assertThat(png.length).isGreaterThan(10_000);

        Run dom = chromium("--dump-dom", "--enable-logging=stderr", "--v=0");
        List<String> charts = new ArrayList<>();
        Matcher m = Pattern.compile("<svg [^>]*data-chart=\"(\\w+)\" data-points=\"(\\d+)\"").matcher(dom.stdout());
        while (m.find()) {
            charts.add(m.group(1));
            if (!m.group(1).equals("alerts")) {
                assertThat(Integer.parseInt(m.group(2))).as("points of a rendered %s chart", m.group(1)).isPositive();
            }
        }
        assertThat(charts).contains("attainment", "burndown", "latency", "alerts");
        assertThat(dom.stdout()).contains("<title id=");

        for (Run run : List.of(screenshot, dom)) {
            for (String line : run.stderr().split("\n")) {
                assertThat(line).as("browser log").doesNotContain("Uncaught").doesNotContain("ERROR:CONSOLE")
                        .doesNotContain("net::ERR_").doesNotContain("Failed to load resource");
                if (line.contains("http://") || line.contains("https://")) {
                    assertThat(line.toLowerCase()).as("browser log").doesNotContain("fail").doesNotContain("err");
                }
            }
        }
    }

    record Run(String stdout, String stderr) {}

    /**
     * The page fits a 1,280 px wide window: nothing sticks out to the right (no horizontal scroll). The
     * page is measured by a script appended to a copy of it, which writes the widths into the DOM.
     */
    @Test
    void itFitsA1280PixelWindowWithoutHorizontalScroll() throws Exception {
        Path probe = tmp.resolve("probe.html");
        Files.writeString(probe, Files.readString(html) + """
                <script>window.addEventListener('load', () => {
                  const page = document.documentElement, wide = [];
                  document.querySelectorAll('body *').forEach(e => {
                    const r = e.getBoundingClientRect();
                    if (r.right > page.clientWidth + 0.5) wide.push(e.tagName + '.' + e.className + ':' + Math.round(r.right));
                  });
                  document.body.setAttribute('data-measured', page.scrollWidth + ' ' + page.clientWidth + ' ' + wide.slice(0, 8).join(' '));
                });</script>
                """);
        Run dom = chromiumOn(probe, "--window-size=1280,900", "--virtual-time-budget=5000", "--dump-dom");
        Matcher m = Pattern.compile("data-measured=\"(\\d+) (\\d+) ?([^\"]*)\"").matcher(dom.stdout());
        assertThat(m.find()).as("the probe script ran").isTrue();
        int scrollWidth = Integer.parseInt(m.group(1));
        int clientWidth = Integer.parseInt(m.group(2));
        assertThat(clientWidth).as("the window's width less a scroll bar").isBetween(1200, 1280);
        assertThat(scrollWidth).as("page width at 1,280 px; sticking out: %s", m.group(3)).isLessThanOrEqualTo(clientWidth);
    }

    /** Runs headless Chromium on the page, with every host name unresolvable and a fresh profile. */
    static Run chromium(String... args) throws IOException, InterruptedException {
        return chromiumOn(html, args);
    }

    static Run chromiumOn(Path page, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium")));
        cmd.addAll(List.of(args));
        cmd.add(page.toUri().toString());
        Path stdout = Files.createTempFile(tmp, "chromium", ".out");
        Path stderr = Files.createTempFile(tmp, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s: " + cmd);
        }
        Run run = new Run(Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        assertThat(p.exitValue()).as("chromium exit status; log:%n%s", run.stderr()).isZero();
        return run;
    }

    static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }
}
