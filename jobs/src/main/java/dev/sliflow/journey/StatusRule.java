package dev.sliflow.journey;

import java.io.Serializable;
import java.util.List;

/** Which HTTP statuses make a request bad (not good) for the availability SLI. */
public final class StatusRule implements Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean[] bad = new boolean[1000];
    private final List<String> spec;

    /**
     * @param spec entries such as {@code "5xx"}, {@code "4xx"}, {@code 429} or {@code "429"}
     * @throws IllegalArgumentException naming the entry that is not a status or class
     */
    public StatusRule(List<String> spec) {
        this.spec = List.copyOf(spec);
        for (String s : spec) {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.length() == 3 && t.endsWith("xx") && t.charAt(0) >= '1' && t.charAt(0) <= '5') {
                int base = (t.charAt(0) - '0') * 100;
                for (int i = base; i < base + 100; i++) {
                    bad[i] = true;
                }
            } else {
                int code;
                try {
                    code = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + s + "' is neither a status (e.g. 429) nor a class (e.g. 5xx)");
                }
                if (code < 100 || code > 599) {
                    throw new IllegalArgumentException("status " + code + " is outside 100..599");
                }
                bad[code] = true;
            }
        }
    }

    public static StatusRule defaultRule() {
        return new StatusRule(List.of("5xx"));
    }

    public boolean isBad(int status) {
        return status >= 0 && status < bad.length && bad[status];
    }

    public List<String> spec() {
        return spec;
    }
}
