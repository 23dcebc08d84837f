package dev.sliflow.flink;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/** Expands the --logs argument (files, directories, globs, on any Flink file system) into paths. */
public final class InputPaths {
    private InputPaths() {}

    /**
     * @throws IllegalArgumentException naming the entry when a file or directory does not exist or a
     *     glob matches nothing
     */
    public static List<Path> expand(List<String> specs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.trim();
            if (s.isEmpty()) {
                continue;
            }
            int glob = firstGlobChar(s);
            if (glob < 0) {
                Path p = new Path(s);
                if (!p.getFileSystem().exists(p)) {
                    throw new IllegalArgumentException("--logs: no such file or directory: " + s);
                }
                out.add(p);
                continue;
            }
            int slash = s.lastIndexOf('/', glob);
            String base = slash < 0 ? "." : (slash == 0 ? "/" : s.substring(0, slash));
            Path basePath = new Path(base);
            FileSystem fs = basePath.getFileSystem();
            if (!fs.exists(basePath)) {
                throw new IllegalArgumentException("--logs: no such directory: " + base + " (in '" + s + "')");
            }
            String pattern = slash < 0 ? s : s.substring(slash + 1);
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<Path> found = new ArrayList<>();
            walk(fs, basePath, basePath, m, found);
            if (found.isEmpty()) {
                throw new IllegalArgumentException("--logs: no file matches '" + s + "'");
            }
            found.sort((a, b) -> a.toString().compareTo(b.toString()));
            out.addAll(found);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--logs: no input given");
        }
        for (Path p : out) {
            if ("file".equals(p.makeQualified(p.getFileSystem()).toUri().getScheme())) {
                checkReadable(java.nio.file.Path.of(p.makeQualified(p.getFileSystem()).toUri().getPath()), 0);
            }
        }
        return out;
    }

    /**
     * The first local file (in path order, hidden names skipped, as the reader lists them) among the
     * inputs, or null when the first input is not on the local file system or holds no file; for
     * the start-up {@link dev.sliflow.ingest.Warmup}, which only needs a sample of the run's lines.
     */
    static java.nio.file.Path firstLocalFile(List<Path> inputs) {
        try {
            Path first = inputs.get(0);
            java.net.URI u = first.makeQualified(first.getFileSystem()).toUri();
            if (!"file".equals(u.getScheme())) {
                return null;
            }
            java.nio.file.Path p = java.nio.file.Path.of(u.getPath());
            for (int depth = 0; depth < 64 && java.nio.file.Files.isDirectory(p); depth++) {
                try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(p)) {
                    p = s.filter(c -> !c.getFileName().toString().startsWith(".")
                                    && !c.getFileName().toString().startsWith("_"))
                            .min(java.util.Comparator.comparing(java.nio.file.Path::toString)).orElse(null);
                }
                if (p == null) {
                    return null;
                }
            }
            return java.nio.file.Files.isRegularFile(p) ? p : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Checks, before any job starts, that a local input (a file, or every file the reader would list
     * in a folder: hidden {@code .}/{@code _} names skipped, links followed as the reader does) can be
     * read to its end: a broken link, a FIFO, socket or device, or a file or folder without read
     * permission is named with the problem.
     *
     * @throws IllegalArgumentException naming the first such entry
     */
    static void checkReadable(java.nio.file.Path p, int depth) throws IOException {
        if (java.nio.file.Files.isDirectory(p)) {
            if (depth > 64) {
                throw new IllegalArgumentException("--logs: " + p + ": folders nested more than 64 deep (a link loop?)");
            }
            List<java.nio.file.Path> children = new ArrayList<>();
            try (java.nio.file.DirectoryStream<java.nio.file.Path> ds = java.nio.file.Files.newDirectoryStream(p)) {
                ds.forEach(children::add);
            } catch (java.nio.file.AccessDeniedException e) {
                throw new IllegalArgumentException("--logs: " + p + ": permission denied (cannot list the folder)");
            }
            for (java.nio.file.Path c : children) {
                String name = c.getFileName().toString();
                if (!name.startsWith(".") && !name.startsWith("_")) {
                    checkReadable(c, depth + 1);
                }
            }
        } else if (java.nio.file.Files.isRegularFile(p)) {
            if (!java.nio.file.Files.isReadable(p)) {
                throw new IllegalArgumentException("--logs: " + p + ": permission denied");
            }
        } else if (java.nio.file.Files.isSymbolicLink(p)) {
            throw new IllegalArgumentException("--logs: " + p + ": a broken symbolic link (its target "
                    + java.nio.file.Files.readSymbolicLink(p) + " does not exist)");
        } else if (java.nio.file.Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("--logs: " + p + ": not a regular file (a FIFO, socket or device"
                    + " would block or never end)");
        } else {
            throw new IllegalArgumentException("--logs: no such file or directory: " + p);
        }
    }

    private static void walk(FileSystem fs, Path base, Path dir, PathMatcher m, List<Path> found) throws IOException {
        FileStatus[] list = fs.listStatus(dir);
        if (list == null) {
            return;
        }
        String basePath = base.toUri().getPath();
        for (FileStatus st : list) {
            String name = st.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            String full = st.getPath().toUri().getPath();
            String rel = full.substring(Math.min(full.length(), basePath.length())).replaceFirst("^/", "");
            if (st.isDir()) {
                walk(fs, base, st.getPath(), m, found);
            } else if (m.matches(Paths.get(rel))) {
                found.add(st.getPath());
            }
        }
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
