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
     *     {@link FormatDetector#detect}
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
            case JSON:
                return new JsonLineParser(options.jsonMapping(), max);
            case AUTO:
            default:
                throw new IllegalArgumentException("format AUTO must be resolved with FormatDetector.detect first");
        }
    }
}
