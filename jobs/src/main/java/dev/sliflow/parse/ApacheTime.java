package dev.sliflow.parse;

import dev.sliflow.parse.DeclaredField.Kind;

/**
 * Apache's {@code %{format}t}: {@code sec}, {@code msec}, {@code usec} since the epoch, or a strftime format,
 * each optionally prefixed {@code begin:} or {@code end:}. The strftime conversions sliflow reads are those
 * that give a date and time unambiguously; a format without {@code %z} is read as UTC.
 */
final class ApacheTime {
    private ApacheTime() {}

    static DeclaredField field(String name, String arg) {
        String f = arg.startsWith("begin:") ? arg.substring(6) : arg.startsWith("end:") ? arg.substring(4) : arg;
        switch (f) {
            case "sec":
                return DeclaredField.of(name, Kind.TIME_EPOCH, 1).withShift(3);
            case "msec":
                return DeclaredField.of(name, Kind.TIME_EPOCH, 0).withShift(0);
            case "usec":
                return DeclaredField.of(name, Kind.TIME_EPOCH, 0).withShift(-3);
            case "msec_frac":
            case "usec_frac":
                return DeclaredField.opaque(name); // a fraction of a second, no time on its own
            default:
                return DeclaredField.of(name, Kind.TIME_PATTERN, 1).withTimePattern(javaPattern(name, f))
                        .withSpaces(spaces(f));
        }
    }

    /** The {@link java.time.format.DateTimeFormatter} pattern of a strftime format. */
    static String javaPattern(String name, String strftime) {
        StringBuilder p = new StringBuilder();
        String seen = "";
        for (int i = 0; i < strftime.length(); i++) {
            char c = strftime.charAt(i);
            if (c != '%') {
                p.append(c == '\'' ? "''" : "'" + c + "'"); // quoted: letters and [ ] # { } mean something to java.time
                continue;
            }
            if (++i >= strftime.length()) {
                throw new IllegalArgumentException(name + ": the strftime format ends with '%'");
            }
            char d = strftime.charAt(i);
            String j = switch (d) {
                case 'Y' -> "uuuu";
                case 'm' -> "MM";
                case 'd' -> "dd";
                case 'b', 'h' -> "MMM";
                case 'H' -> "HH";
                case 'M' -> "mm";
                case 'S' -> "ss";
                case 'z' -> "xx";
                case 'T' -> "HH:mm:ss";
                case 'F' -> "uuuu-MM-dd";
                case '%' -> "'%'";
                default -> throw new IllegalArgumentException(name + ": strftime %" + d
                        + " is not supported (use %Y %m %d %b %H %M %S %T %F %z)");
            };
            p.append(j);
            seen += d == 'T' ? "HMS" : d == 'F' ? "Ymd" : d == 'b' || d == 'h' ? "m" : String.valueOf(d);
        }
        for (char need : "YmdHMS".toCharArray()) {
            if (seen.indexOf(need) < 0) {
                throw new IllegalArgumentException(name + ": a time format needs the year, month, day, hour, minute"
                        + " and second (%" + need + " is missing)");
            }
        }
        return p.toString();
    }

    private static int spaces(String strftime) {
        int n = 0;
        for (int i = 0; i < strftime.length(); i++) {
            n += strftime.charAt(i) == ' ' ? 1 : 0;
        }
        return n;
    }
}
