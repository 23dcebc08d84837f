package dev.sliflow.parse;

import dev.sliflow.parse.DeclaredField.Kind;
import java.util.Locale;

/**
 * Reads an Apache httpd {@code LogFormat} string into a {@link DeclaredFormat.Layout}: {@code %X},
 * {@code %{arg}X}, the modifiers {@code <}, {@code >}, {@code !} and status lists ({@code %400,501{User-agent}i}),
 * {@code %%} and the backslash escapes of the configuration ({@code \"}, {@code \t}, {@code \n}, {@code \\}).
 * Unknown directives are errors, since Apache would refuse them too.
 */
final class ApacheDeclaration {
    /** Directives whose values sliflow does not read. */
    private static final String OPAQUE = "aAbBfhHIklLOpPqRSuX";
    /** Directives that need a {@code {...}} argument. */
    private static final String NEEDS_ARG = "Ceino";

    private ApacheDeclaration() {}

    static DeclaredFormat.Layout read(String format) {
        DeclaredFormat.Layout layout = new DeclaredFormat.Layout();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = format.charAt(i + 1);
                layout.literal(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                i += 2;
                continue;
            }
            if (c != '%') {
                layout.literal(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            char modifier = 0;
            while (i < n && "<>!,0123456789".indexOf(format.charAt(i)) >= 0) {
                char m = format.charAt(i++);
                if (m == '<' || m == '>') {
                    modifier = m;
                }
            }
            String arg = null;
            if (i < n && format.charAt(i) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated %{ in the Apache LogFormat at char " + (i + 1));
                }
                arg = format.substring(i + 1, close);
                i = close + 1;
            }
            if (i >= n) {
                throw new IllegalArgumentException("the Apache LogFormat ends with an incomplete directive "
                        + format.substring(start));
            }
            if (format.charAt(i) == '%' && i == start + 1) {
                layout.literal('%');
                i++;
                continue;
            }
            int end = format.startsWith("^ti", i) || format.startsWith("^to", i) ? i + 3 : i + 1;
            DeclaredField f = directive(format.substring(start, end), format.substring(i, end), arg, modifier);
            if (format.charAt(i) == 'q') {
                layout.queryField(f);
            } else {
                layout.field(f);
            }
            i = end;
        }
        return layout;
    }

    /** The field of the directive {@code letter} written as {@code name}, with its argument (or null). */
    private static DeclaredField directive(String name, String letter, String arg, char modifier) {
        if (letter.startsWith("^")) {
            return needArg(name, arg, DeclaredField.opaque(name));
        }
        char d = letter.charAt(0);
        if (NEEDS_ARG.indexOf(d) >= 0) {
            needArg(name, arg, null);
            return d == 'i' && arg.equalsIgnoreCase("Host") ? DeclaredField.of(name, Kind.HOST, 0) : DeclaredField.opaque(name);
        }
        switch (d) {
            case 't':
                return arg == null ? DeclaredField.of(name, Kind.TIME_CLF, 2).asBracketed() : ApacheTime.field(name, arg);
            case 'r':
                return DeclaredField.of(name, Kind.REQUEST, 0).withSpaces(2);
            case 'm':
                return DeclaredField.of(name, Kind.METHOD, 0);
            case 'U':
                return DeclaredField.of(name, Kind.URI, 0);
            case 's':
                return DeclaredField.of(name, Kind.STATUS, modifier == '>' ? 0 : modifier == '<' ? 2 : 1);
            case 'V':
                return DeclaredField.of(name, Kind.HOST, 1);
            case 'v':
                return DeclaredField.of(name, Kind.HOST, 2);
            case 'D':
                return DeclaredField.of(name, Kind.LATENCY, 0).withShift(0);
            case 'T':
                return durationT(name, arg);
            default:
                break;
        }
        if (OPAQUE.indexOf(d) >= 0) {
            return DeclaredField.opaque(name);
        }
        throw new IllegalArgumentException("unknown Apache LogFormat directive " + name);
    }

    /** {@code %T} (seconds) and {@code %{s|ms|us}T}. */
    private static DeclaredField durationT(String name, String arg) {
        String unit = arg == null ? "s" : arg.toLowerCase(Locale.ROOT);
        switch (unit) {
            case "us":
                return DeclaredField.of(name, Kind.LATENCY, 1).withShift(0);
            case "ms":
                return DeclaredField.of(name, Kind.LATENCY, 2).withShift(3);
            case "s":
                return DeclaredField.of(name, Kind.LATENCY, 3).withShift(6);
            default:
                throw new IllegalArgumentException(name + ": the unit of %{UNIT}T is s, ms or us");
        }
    }

    private static DeclaredField needArg(String name, String arg, DeclaredField f) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException("the Apache directive " + name + " needs an argument, e.g. %{User-agent}i");
        }
        return f;
    }
}
