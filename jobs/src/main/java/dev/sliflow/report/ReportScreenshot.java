package dev.sliflow.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * A picture of the report: the top of the page rendered by headless Chromium (Debian's {@code chromium}) at a fixed
 * size, written as a PNG that carries the report's {@link ReportWriter#layoutStamp() layout stamp} in a {@code tEXt}
 * chunk, so that a test can tell a picture of the current layout from an old one without rendering anything.
 */
public final class ReportScreenshot {
    /**
     * The picture's size in CSS pixels (device scale factor 1), the size jobs/SLO.md documents: wide enough for the
     * recommendations table, tall enough for it and the first journey's options and charts.
     */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 2800;
    /** The {@code tEXt} keyword of the layout stamp. */
    public static final String KEY = "sliflow-report-layout";
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ReportScreenshot() {}

    /** Renders {@code html} (a self-contained page) into {@code png}, stamped with the current layout. */
    public static void render(Path html, Path png) throws IOException, InterruptedException {
        Path chromium = chromium();
        Path tmp = Files.createTempDirectory("sliflow-screenshot");
        try {
            Path shot = tmp.resolve("shot.png");
            List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
                    "--user-data-dir=" + tmp.resolve("profile"), "--window-size=" + WIDTH + "," + HEIGHT,
                    "--screenshot=" + shot, html.toAbsolutePath().toUri().toString()));
            Path log = tmp.resolve("chromium.log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("chromium did not finish within 180 s: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(shot)) {
                String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new IOException("chromium failed (exit " + p.exitValue() + "): "
                        + out.substring(Math.max(0, out.length() - 500)).replace('\n', ' '));
            }
            byte[] stamped = stamp(Files.readAllBytes(shot), KEY, ReportWriter.layoutStamp());
            int[] size = size(stamped);
            if (size[0] != WIDTH || size[1] != HEIGHT) {
                throw new IOException("chromium wrote a " + size[0] + " x " + size[1] + " picture, not " + WIDTH + " x " + HEIGHT);
            }
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path part = Files.createTempFile(parent, ".screenshot", ".png");
            Files.write(part, stamped);
            try {
                Files.setPosixFilePermissions(part, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system's default permissions
            }
            Files.move(part, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            dev.sliflow.table.OutputDir.deleteTree(tmp);
        }
    }

    /** Debian's chromium: {@code SLIFLOW_CHROMIUM}, else {@code /usr/bin/chromium}, else {@code chromium} on the PATH. */
    public static Path chromium() {
        String env = System.getenv("SLIFLOW_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "chromium"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--screenshot needs headless Chromium: install Debian's chromium (apt-get install -y chromium)"
                        + " or set SLIFLOW_CHROMIUM to its path"));
    }

    /** {@code png} with a {@code tEXt} chunk {@code key = value} right after its header (replacing one of that key). */
    public static byte[] stamp(byte[] png, String key, String value) throws IOException {
        checkSignature(png);
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + 64);
        out.write(SIGNATURE);
        int at = SIGNATURE.length;
        boolean first = true;
        while (at < png.length) {
            int len = ByteBuffer.wrap(png, at, 4).getInt();
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            int end = at + 12 + len;
            if (end > png.length || len < 0) {
                throw new IOException("not a whole PNG: chunk " + type + " runs past the end");
            }
            boolean sameKey = type.equals("tEXt") && key.equals(textKey(png, at + 8, len));
            if (!sameKey) {
                out.write(png, at, end - at);
            }
            if (first) { // IHDR comes first; the stamp goes right behind it
                if (!type.equals("IHDR")) {
                    throw new IOException("not a PNG: the first chunk is " + type + ", not IHDR");
                }
                byte[] data = (key + '\0' + value).getBytes(StandardCharsets.ISO_8859_1);
                out.write(ByteBuffer.allocate(4).putInt(data.length).array());
                byte[] typeAndData = new byte[4 + data.length];
                System.arraycopy("tEXt".getBytes(StandardCharsets.ISO_8859_1), 0, typeAndData, 0, 4);
                System.arraycopy(data, 0, typeAndData, 4, data.length);
                out.write(typeAndData);
                CRC32 crc = new CRC32();
                crc.update(typeAndData);
                out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
                first = false;
            }
            at = end;
        }
        return out.toByteArray();
    }

    /** The value of the {@code tEXt} chunk {@code key}, if the PNG has one. */
    public static Optional<String> text(byte[] png, String key) throws IOException {
        checkSignature(png);
        int at = SIGNATURE.length;
        while (at + 12 <= png.length) {
            int len = ByteBuffer.wrap(png, at, 4).getInt();
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (len < 0 || at + 12 + len > png.length) {
                throw new IOException("not a whole PNG: chunk " + type + " runs past the end");
            }
            if (type.equals("tEXt") && key.equals(textKey(png, at + 8, len))) {
                return Optional.of(new String(png, at + 8 + key.length() + 1, len - key.length() - 1, StandardCharsets.ISO_8859_1));
            }
            at += 12 + len;
        }
        return Optional.empty();
    }

    /** Width and height from the PNG's header. */
    public static int[] size(byte[] png) throws IOException {
        checkSignature(png);
        if (png.length < 24 || !new String(png, 12, 4, StandardCharsets.ISO_8859_1).equals("IHDR")) {
            throw new IOException("not a PNG: no IHDR chunk first");
        }
        ByteBuffer b = ByteBuffer.wrap(png, 16, 8);
        return new int[] {b.getInt(), b.getInt()};
    }

    private static String textKey(byte[] png, int data, int len) {
        for (int i = 0; i < len; i++) {
            if (png[data + i] == 0) {
                return new String(png, data, i, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void checkSignature(byte[] png) throws IOException {
        if (png.length < SIGNATURE.length || !Arrays.equals(Arrays.copyOf(png, SIGNATURE.length), SIGNATURE)) {
            throw new IOException("not a PNG file");
        }
    }
}
