package dev.sliflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * repository (anchors and web addresses aside): a guide that moves or a file that is renamed fails here.
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
            for (String target : relativeTargets(Files.readString(page))) {
                Path p = page.getParent().resolve(target).normalize();
                if (!Files.exists(p)) {
                    dead.add(REPO.relativize(page) + " -> " + target);
                } else if (p.toString().endsWith(".md")) {
                    pages.push(p);
                }
            }
        }
        assertThat(dead).as("dead links").isEmpty();
        assertThat(seen).as("the benchmarks page is reached from the README").contains(REPO.resolve("jobs/BENCHMARKS.md"));
    }

    @Test
    void theLinkScannerFindsRelativeLinksOnly() {
        assertThat(relativeTargets("see [a](jobs/A.md), [b](../sql/x.sql#top), [c](https://x.org/y), [d](#anchor),"
                + " [e](mailto:a@b.c) and [f](datasets/)")).containsExactly("jobs/A.md", "../sql/x.sql", "datasets/");
    }
}
