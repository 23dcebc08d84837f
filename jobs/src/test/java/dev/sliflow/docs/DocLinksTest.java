package dev.sliflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README, and of every Markdown page it reaches, points at a file or folder of the
 * repository and at a heading that exists (web addresses aside), and every guide is reached from the README: a
 * guide that moves, a heading renamed or a file removed fails here.
 */
class DocLinksTest {
    static final Path REPO = ReadmeTest.REPO.toAbsolutePath().normalize();
    /** {@code [text](target)}, the target up to a space, ')' or '#'. */
    static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s#]*)(#[^)\\s]*)?\\)");

    /** The relative link targets of a Markdown text (web addresses, mail and pure anchors left out). */
    static List<String> relativeTargets(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(markdown);
        while (m.find()) {
            String t = m.group(1);
            if (!t.isEmpty() && !t.matches("[a-zA-Z][a-zA-Z+.-]*:.*")) {
                out.add(t);
            }
        }
        return out;
    }

    /** The headings of a Markdown page as GitHub makes their anchors: lower case, punctuation dropped, spaces to '-'. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.matches("#{1,6} .*")) {
                out.add(line.replaceFirst("^#+ ", "").strip().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return out;
    }

    /**
     * From the README, every relative link of every page reached points at a file or folder that exists, its
     * {@code #anchor} (if any) at a heading of that page, and every Markdown page of the repository is reached.
     */
    @Test
    void everyPageReachableFromTheReadmeLinksOnlyToFilesThatExist() throws Exception {
        Set<Path> seen = new LinkedHashSet<>();
        Deque<Path> pages = new ArrayDeque<>(List.of(REPO.resolve("README.md")));
        List<String> dead = new ArrayList<>();
        while (!pages.isEmpty()) {
            Path page = pages.pop();
            if (!seen.add(page)) {
                continue;
            }
            String text = Files.readString(page);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                String anchor = m.group(2);
                if (target.matches("[a-zA-Z][a-zA-Z+.-]*:.*")) {
                    continue; // a web address or mail
                }
                Path p = target.isEmpty() ? page : page.getParent().resolve(target).normalize();
                if (!p.startsWith(REPO)) {
                    dead.add(REPO.relativize(page) + " -> " + target + " (outside the repository: not in a clone)");
                } else if (!Files.exists(p)) {
                    dead.add(REPO.relativize(page) + " -> " + target);
                } else if (p.toString().endsWith(".md")) {
                    if (anchor != null && !anchors(Files.readString(p)).contains(anchor.substring(1))) {
                        dead.add(REPO.relativize(page) + " -> " + target + anchor + " (no such heading)");
                    }
                    pages.push(p);
                }
            }
        }
        assertThat(dead).as("dead links").isEmpty();
        assertThat(seen).as("every guide is reached from the README").containsAll(markdownPages());
    }

    /** The Markdown files of the repository (build output, tool folders and dot folders left out). */
    static List<Path> markdownPages() throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(REPO, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return !dir.equals(REPO) && (name.startsWith(".") || name.equals("target")) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.toString().endsWith(".md")) {
                    out.add(file.normalize());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(out).contains(REPO.resolve("README.md"), REPO.resolve("sql/README.md"), REPO.resolve("jobs/BENCHMARKS.md"));
        return out;
    }

    @Test
    void anchorsAreGitHubsHeadingIds() {
        assertThat(anchors("# Title\n## Publishing and the output lock\n```\n# not a heading\n```\n"
                + "### sli_minute — per journey, region\n## Five minutes: targets, alerts, `gate`\n"))
                .containsExactly("title", "publishing-and-the-output-lock", "sli_minute--per-journey-region",
                        "five-minutes-targets-alerts-gate");
    }

    @Test
    void theLinkScannerFindsRelativeLinksOnly() {
        assertThat(relativeTargets("see [a](jobs/A.md), [b](../sql/x.sql#top), [c](https://x.org/y), [d](#anchor),"
                + " [e](mailto:a@b.c) and [f](datasets/)")).containsExactly("jobs/A.md", "../sql/x.sql", "datasets/");
    }
}
