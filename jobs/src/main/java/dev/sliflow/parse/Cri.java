package dev.sliflow.parse;

/** Recognises the Kubernetes CRI log prefix {@code <RFC3339 time> stdout|stderr F|P }. */
final class Cri {
    private Cri() {}

    /** Start of the container's own line after a CRI prefix, or {@code from} when there is none. */
    static int contentStart(String s, int from, int to) {
        if (to - from < 30 || !Chars.isDigit(s.charAt(from)) || s.charAt(from + 4) != '-'
                || s.charAt(from + 10) != 'T') {
            return from;
        }
        int sp = Chars.indexOf(s, ' ', from, Math.min(to, from + 40));
        if (sp < 0) {
            return from;
        }
        int p = sp + 1;
        if (!(s.startsWith("stdout ", p) || s.startsWith("stderr ", p))) {
            return from;
        }
        p += 7;
        if (p + 1 < to && (s.charAt(p) == 'F' || s.charAt(p) == 'P') && s.charAt(p + 1) == ' ') {
            return p + 2;
        }
        return from;
    }
}
