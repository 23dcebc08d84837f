package dev.sliflow.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of an input file in the output's lineage: its path as the ingest names it (the
 * {@code file} column of ingest_audit and rejects). Re-ingesting the same path replaces what that
 * path contributed before; a file under another name is another source. The key is the first 64
 * bits of the path's SHA-256 (a collision among the files of one output is ~n²/2⁶⁵: nil in practice),
 * and its 16 hex digits name the source's folders in the lineage.
 */
public final class SourceId {
    private SourceId() {}

    /** The 64-bit key of {@code path}; never 0 (0 means "no source"). */
    public static long of(String path) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k == 0 ? 1 : k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The key as the 16 hex digits that name its lineage folders ({@code src=<hex>}). */
    public static String hex(long key) {
        return HexFormat.of().toHexDigits(key);
    }

    /** {@link #hex}({@link #of}(path)). */
    public static String hexOf(String path) {
        return hex(of(path));
    }
}
