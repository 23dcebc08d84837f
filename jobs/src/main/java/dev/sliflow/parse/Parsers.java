package dev.sliflow.parse;

/** Creates the {@link LineParser} for a {@link LogFormat}. */
public final class Parsers {
    private Parsers() {}

    /** The parser for {@code format} with {@link ParserOptions#defaults()}. */
    public static LineParser forFormat(LogFormat format) {
        return forFormat(format, ParserOptions.defaults());
    }

    /**
     * The parser for {@code format}.
     *
     * @throws IllegalArgumentException for {@link LogFormat#AUTO}: resolve it first with
     *     {@link FormatDetector#detect}; for {@link LogFormat#DECLARED} without {@link ParserOptions#declared()}
     */
    public static LineParser forFormat(LogFormat format, ParserOptions options) {
        int max = options.maxLineLength();
        switch (format) {
            case NGINX:
                return new NginxParser(max);
            case APACHE:
                return new ApacheParser(max);
            case ALB:
                return new AlbParser(max);
            case ENVOY:
                return new EnvoyParser(max);
            case HAPROXY:
                return new HaproxyParser(options.haproxyZone(), max);
            case TRAEFIK:
                return new TraefikParser(max);
            case W3C:
                return new W3cParser(max);
            case JSON:
                return new JsonLineParser(options.jsonMapping(), max);
            case DECLARED:
                return declared(options);
            case AUTO:
            default:
                throw new IllegalArgumentException("format AUTO must be resolved with FormatDetector.detect first");
        }
    }

    /** A declared layout's parser: the built-in one when it reads exactly that layout (it is faster). */
    private static LineParser declared(ParserOptions options) {
        DeclaredFormat d = options.declared();
        if (d == null) {
            throw new IllegalArgumentException("format DECLARED needs a declared layout (ParserOptions.withDeclared)");
        }
        LogFormat builtIn = d.builtIn();
        return builtIn != null ? forFormat(builtIn, options) : new DeclaredParser(d, options.maxLineLength());
    }
}
