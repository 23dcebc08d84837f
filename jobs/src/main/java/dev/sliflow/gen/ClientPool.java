package dev.sliflow.gen;

import java.util.SplittableRandom;

/** A deterministic population of clients: IPv4 (and some IPv6) addresses with a user agent each. */
final class ClientPool {
    private static final int[] FIRST_OCTETS = {23, 31, 45, 62, 77, 81, 86, 91, 103, 109, 151, 176, 178, 185, 188,
            193, 203, 212, 217, 198};
    private final String[] v4;
    private final String[] v6;
    private final String[] ua;
    private final String[] probes = {"10.0.3.11", "10.0.3.12", "10.0.3.13"};

    ClientPool(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed ^ 0xC11E475L);
        v4 = new String[size];
        v6 = new String[size];
        ua = new String[size];
        for (int i = 0; i < size; i++) {
            v4[i] = FIRST_OCTETS[r.nextInt(FIRST_OCTETS.length)] + "." + r.nextInt(256) + "." + r.nextInt(256) + "."
                    + (1 + r.nextInt(254));
            if (r.nextInt(25) == 0) {
                v6[i] = "2001:db8:" + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(r.nextInt(0x10000))
                        + "::" + Integer.toHexString(1 + r.nextInt(0xfffe));
            }
            // skewed: most clients are browsers
            int k = r.nextInt(100);
            int idx = k < 85 ? r.nextInt(7) : k < 95 ? 7 + r.nextInt(2) : 9 + r.nextInt(Catalog.USER_AGENTS.length - 9);
            ua[i] = Catalog.USER_AGENTS[idx];
        }
    }

    int size() {
        return v4.length;
    }

    String ip(int i, boolean allowV6) {
        return allowV6 && v6[i] != null ? v6[i] : v4[i];
    }

    String ua(int i) {
        return ua[i];
    }

    String probeIp(int i) {
        return probes[i];
    }
}
