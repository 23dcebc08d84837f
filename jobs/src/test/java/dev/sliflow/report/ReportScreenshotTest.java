package dev.sliflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The PNG layout stamp: written after the header, read back, replaced rather than repeated, every CRC right. */
class ReportScreenshotTest {
    static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0x336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** The chunk types, in order, each checked against its CRC. */
    static List<String> chunks(byte[] png) {
        List<String> types = new ArrayList<>();
        int at = 8;
        while (at < png.length) {
            int len = ByteBuffer.wrap(png, at, 4).getInt();
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + len);
            assertThat(ByteBuffer.wrap(png, at + 8 + len, 4).getInt()).as("CRC of a chunk").isEqualTo((int) crc.getValue());
            types.add(new String(png, at + 4, 4, StandardCharsets.ISO_8859_1));
            at += 12 + len;
        }
        return types;
    }

    @Test
    void theStampIsReadBackAndTheImageStaysValid() throws Exception {
        byte[] plain = png(7, 5);
        assertThat(ReportScreenshot.text(plain, ReportScreenshot.KEY)).isEmpty();
        byte[] once = ReportScreenshot.stamp(plain, ReportScreenshot.KEY, "layout 1, style 0badf00d");
        assertThat(ReportScreenshot.text(once, ReportScreenshot.KEY)).contains("layout 1, style 0badf00d");
        assertThat(ReportScreenshot.size(once)).containsExactly(7, 5);
        assertThat(chunks(once).subList(0, 2)).containsExactly("IHDR", "tEXt");
        byte[] twice = ReportScreenshot.stamp(once, ReportScreenshot.KEY, ReportWriter.layoutStamp());
        assertThat(ReportScreenshot.text(twice, ReportScreenshot.KEY)).contains(ReportWriter.layoutStamp());
        assertThat(chunks(twice).stream().filter("tEXt"::equals)).hasSize(1);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(twice));
        assertThat(read.getWidth()).isEqualTo(7);
        assertThat(read.getRGB(1, 1) & 0xffffff).isEqualTo(0x336699);
    }

    @Test
    void theStampNamesTheLayoutVersionAndTheStyle() {
        assertThat(ReportWriter.layoutStamp()).matches("layout " + ReportWriter.LAYOUT_VERSION + ", style [0-9a-f]{8}");
    }

    @Test
    void notAPngIsRefused() {
        assertThatThrownBy(() -> ReportScreenshot.text("GIF89a....".getBytes(StandardCharsets.ISO_8859_1), "k"))
                .hasMessageContaining("not a PNG");
        assertThatThrownBy(() -> ReportScreenshot.size(new byte[3])).hasMessageContaining("not a PNG");
    }
}
