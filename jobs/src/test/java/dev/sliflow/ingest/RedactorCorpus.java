package dev.sliflow.ingest;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LineParser;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.Parsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Seeded inputs for the redactor: real lines of every format (generated, with garbage, and the
 * third-party fixtures), those lines mutated like {@link IngestFuzzTest} does, with secrets inserted
 * (e-mails, IPv4/IPv6, query strings, Bearer/Basic credentials, key=value secrets, {@code -u user:pass},
 * product tokens, JWT-like tokens, JSON private fields), random soup built from the fragments the
 * patterns look for, random printable ASCII, random unicode and bytes, long lines around and beyond
 * 640 characters, the empty string and null.
 */
public final class RedactorCorpus {
    private RedactorCorpus() {}

    /** Secrets and near-secrets, inserted anywhere. */
    static final String[] SECRETS = {
        "zq7mailbox.k9@privacy-probe.test", "wendy.kw5@probe-mail.test", "a@b.co", "x@y", "@example.com", "j.doe+tag@mail.example.org",
        "tkn_Q9xZ2vB7nL4mW8rTsecretv", "qv_Hx81Kd0Lm", "AKIAQ7ZP3XK9LM2N4R6T",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwcm9iZSJ9.sIgNaTuReXyZ", "brr_7Gk2Wq", "Pw0rd-Zebra-77", "SESSabc987zyxJ",
        "pk_live_51HqZpRbKd3f9XyZ", "198.51.100.237", "192.0.2.199", "10.0.0.1", "1.2.3.4.5", "999.999.999.999", "1.2.3",
        "2001:db8:8a2e:370:7334:ab12:cd34:ef56", "2001:db8::1", "::1", "::", "fe80::1ff:fe23:4567:890a", "::ffff:192.0.2.1",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "a:b:c:d:e:f:0:1", "12:34:56", ":::", "ff::ff::ff",
        "ProbeAgent/9.7 (leakcheck-ua)", "curl/8.5.0 (x)", "curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64)", "HTTP/1.1",
        "HTTP/2.0", "python-requests/2.31", "Go-http-client/1.1", "okhttp/4.9.3 (", "/v1/x", "a/1", "<x>/1",
        "?q=shoes&email=jane@example.com", "?", "?a", "?token=abc", "??", "/search?q=1 ", "?x\"y",
        "Bearer brr_7Gk2Wq", "Authorization: Bearer ", "bearer\tabc", "BASIC dXNlcjpwYXNz", "Digest  x=1", "Bearer <x>",
        "basic", "Bearer", "bearer=", "token=abc123", "TOKEN: 77", "\"token\":\"k-99x\"", "\"api_key\" : \"k\"",
        "api-key=zzz", "apikey:1", "password=hunter2", "passwd=x", "pwd=", "secret=s", "client_secret=cs",
        "authorization=a", "auth:b", "session_id=1", "sessionid=2", "jsessionid=3", ";jsessionid=ABC", "sid=S1d2",
        "signature=sig", "sig=1", "key=v", "code=c", "key=<redacted>", "token=\"quoted\"", "token =  x&y", "xtoken=1",
        "access_token=at", "refresh_token=rt", "id_token=it", "-u admin:s3cr3t", " -u admin:s3cr3t", " -u  x:@", "--user=a:b",
        "--user a:b", "https://bob:pa55@host/x", "://:x@", "://a:b", "ftp://u:p@h", "://x:y:z@",
        "{\"user_agent\":\"curl/8\"}", "\"User-Agent\":[\"curl/8\",\"x\"]", "\"remote_ip\":\"2001:db8::1\"",
        "\"client_ip\": 10.1.2.3,", "\"x_forwarded_for\":\"1.2.3.4\"", "\"cookie\":\"a=b\\\"c\"", "\"Authorization\": Bearer x}",
        "\"username\":null", "\"clientAddr\":\"1.2.3.4:5\"", "\"ClientHost\" :\"h\"", "\"x-real-ip\":\"1.1.1.1\"",
        "\"agent\":", "\"agent\"", "\"\":", "\":", "\"a\":\"b\"", "{\"msg\":\"x\"}",
        "abcdefghijklmnopqrstuvwxyz0123", "ABCDEFGHIJKLMNOPQRSTUVW", "ABCDEFGHIJKLMNOPQRSTUVWX", "+++++++++++++++++++++++++",
        "=========================", "a-b_c+d=e-f_g+h=i-j_k+l=m", "<token>", "<ip>", "<agent>", "<email>", "<redacted>",
        "<masked>", "\"", "\"\"", "\" \"", "\"a\" \"b\" \"c\"", "\t", "\u0000", "\u00e9", "\uD800", "\u2028", "\u0085",
        " ", "  ", ":", "=", "&", ",", ";", "}", "{", "[", "]", "(", ")", "@", ".", "/", "-", "_", "\\", "'", "<", ">",
        "\\\"", "0", "1.", ".1", "1.1", "a.b", "f", "ff:", ":ff",
    };

    /** Small pieces the patterns react to, for random soup. */
    static final String[] FRAGMENTS = {
        " ", " ", " ", "\"", "\"", ":", "::", "=", ".", "/", "?", "@", "&", ",", ";", "}", "{", "[", "]", "(", ")", "<", ">",
        "-", "_", "+", "\\", "'", "\t", "a", "b", "f", "x", "Z", "0", "1", "7", "9", "12", "255", "256", "1234", "abcd",
        "ffff", "g", "10.0", ".5", "db8", "HTTP/", "HTTP", "http/", "-u", " -u ", "--user", "--user=", "://", "bearer",
        "Bearer", "BASIC", "digest", "token", "Token", "key", "api_key", "api-key", "apikey", "pwd", "sid", "sig",
        "code", "auth", "session_id", "sessionid", "secret", "password", "agent", "remote_ip", "client_ip",
        "forwarded", "real-ip", "cookie", "authorization", "username", "clientaddr", "clienthost", "curl", "Mozilla",
        "5.0", "8.5.0", "abcdefghijklmnopqrstuvwx", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012", "example.com", "co", "com",
        "mail", "jane", "x.y", "%", "~", "\u0000", "\u00ff", "\uFFFD", "\n", "\r",
    };

    static final String PRINTABLE;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) {
            b.append(c);
        }
        PRINTABLE = b.toString();
    }

    static final LogFormat[] FORMATS = {LogFormat.NGINX, LogFormat.APACHE, LogFormat.ALB, LogFormat.ENVOY, LogFormat.HAPROXY,
        LogFormat.JSON};

    /** Real lines per format: generated (with the generator's garbage lines), seeded. */
    public static Map<LogFormat, List<String>> generatedLines(int perFormat) {
        Map<LogFormat, List<String>> out = new LinkedHashMap<>();
        try {
            Path tmp = Files.createTempDirectory("sliflow-redactor-");
            try {
                for (LogFormat f : FORMATS) {
                    Path dir = tmp.resolve(f.cliName());
                    LogGenerator.generate(GeneratorConfig.builder().outputDir(dir).days(1).perDay(perFormat).seed(11)
                            .format(f).gzip(false).garbageRate(0.05).threads(1).start(LocalDate.parse("2026-03-02"))
                            .build());
                    List<String> lines = new ArrayList<>();
                    readAll(dir.resolve(f.cliName()), lines);
                    out.put(f, lines);
                }
            } finally {
                try (Stream<Path> s = Files.walk(tmp)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Real lines of all formats: generated (with garbage lines) and the third-party fixtures. */
    static List<String> realLines(int perFormat) {
        List<String> out = new ArrayList<>();
        generatedLines(perFormat).values().forEach(out::addAll);
        try {
            readAll(Path.of(RedactorCorpus.class.getResource("/fixtures").toURI()), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void readAll(Path dir, List<String> out) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.equals("LICENSE") || name.equals("SOURCE_COMMIT") || name.endsWith(".md") || name.endsWith(".yaml")) {
                    continue;
                }
                // lenient decoding, as the file source reads
                new String(Files.readAllBytes(f), StandardCharsets.UTF_8).lines().forEach(out::add);
            }
        }
    }

    /** {@code n} seeded inputs of every kind (null and the empty string included). */
    static List<String> inputs(List<String> real, long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(n + 2);
        out.add(null);
        out.add("");
        while (out.size() < n) {
            out.add(input(real, rnd));
        }
        return out;
    }

    static String input(List<String> real, SplittableRandom rnd) {
        String base = real.get(rnd.nextInt(real.size()));
        int k = rnd.nextInt(100);
        if (k < 8) {
            return base;
        } else if (k < 25) {
            // the fuzz test's mutations (never its 10 MB line)
            return IngestFuzzTest.mutate(base, rnd, -1);
        } else if (k < 45) {
            return edit(insertSecrets(base, rnd, 1 + rnd.nextInt(4)), rnd, rnd.nextInt(3));
        } else if (k < 57) {
            return edit(base, rnd, 1 + rnd.nextInt(6));
        } else if (k < 72) {
            return soup(rnd, rnd.nextInt(rnd.nextInt(10) == 0 ? 900 : 200));
        } else if (k < 77) {
            return randomChars(rnd, PRINTABLE, rnd.nextInt(300));
        } else if (k < 82) {
            return randomUnicode(rnd, rnd.nextInt(300));
        } else if (k < 85) {
            byte[] b = new byte[rnd.nextInt(300)];
            rnd.nextBytes(b);
            return new String(b, StandardCharsets.UTF_8);
        } else if (k < 95) {
            return longLine(real, rnd);
        } else {
            // around the output limit: 150-170 characters
            String s = insertSecrets(base, rnd, rnd.nextInt(3));
            int len = 150 + rnd.nextInt(21);
            while (s.length() < len) {
                s = s + " " + real.get(rnd.nextInt(real.size()));
            }
            return s.substring(0, len);
        }
    }

    /** Around and beyond the 640-character cut: lines joined, secrets inserted, sometimes straddling the cut. */
    static String longLine(List<String> real, SplittableRandom rnd) {
        StringBuilder b = new StringBuilder();
        int target = rnd.nextInt(4) == 0 ? 640 + rnd.nextInt(3000) : 600 + rnd.nextInt(90);
        while (b.length() < target) {
            String piece = rnd.nextInt(3) == 0 ? soup(rnd, rnd.nextInt(120)) : real.get(rnd.nextInt(real.size()));
            b.append(insertSecrets(piece, rnd, rnd.nextInt(3))).append(rnd.nextBoolean() ? " " : "");
        }
        if (rnd.nextBoolean()) {
            // a secret across the cut
            String sec = SECRETS[rnd.nextInt(SECRETS.length)];
            int at = Math.max(0, Math.min(b.length(), 640 - rnd.nextInt(sec.length() + 1)));
            b.insert(at, sec);
        }
        if (rnd.nextInt(4) == 0) {
            // one long run: a token, digits, or quoted text
            String run = switch (rnd.nextInt(4)) {
                case 0 -> "A".repeat(20 + rnd.nextInt(800));
                case 1 -> "?" + "a".repeat(rnd.nextInt(800));
                case 2 -> "\"" + "x ".repeat(rnd.nextInt(400)) + "\"";
                default -> "1.".repeat(rnd.nextInt(400));
            };
            b.insert(rnd.nextInt(b.length() + 1), run);
        }
        return b.toString();
    }

    static String insertSecrets(String s, SplittableRandom rnd, int n) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < n; i++) {
            String sec = SECRETS[rnd.nextInt(SECRETS.length)];
            if (rnd.nextInt(4) == 0) {
                sec = (rnd.nextBoolean() ? " " : "\"") + sec + (rnd.nextBoolean() ? " " : "\"");
            }
            b.insert(rnd.nextInt(b.length() + 1), sec);
        }
        return b.toString();
    }

    /** Random character edits: insert, delete, replace (interesting characters mostly), cut. */
    static String edit(String s, SplittableRandom rnd, int n) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < n; i++) {
            int op = rnd.nextInt(5);
            int at = rnd.nextInt(b.length() + 1);
            switch (op) {
                case 0 -> b.insert(at, FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]);
                case 1 -> {
                    if (at < b.length()) {
                        b.delete(at, Math.min(b.length(), at + 1 + rnd.nextInt(4)));
                    }
                }
                case 2 -> {
                    if (at < b.length()) {
                        b.setCharAt(at, rnd.nextInt(4) == 0 ? (char) rnd.nextInt(0x10000) : PRINTABLE.charAt(rnd.nextInt(PRINTABLE.length())));
                    }
                }
                case 3 -> b.setLength(Math.min(b.length(), at));
                default -> b.insert(at, PRINTABLE.charAt(rnd.nextInt(PRINTABLE.length())));
            }
        }
        return b.toString();
    }

    /** Fragments the patterns look for, thrown together. */
    static String soup(SplittableRandom rnd, int len) {
        StringBuilder b = new StringBuilder();
        while (b.length() < len) {
            int k = rnd.nextInt(10);
            if (k < 6) {
                b.append(FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]);
            } else if (k < 8) {
                b.append(SECRETS[rnd.nextInt(SECRETS.length)]);
            } else {
                b.append(PRINTABLE.charAt(rnd.nextInt(PRINTABLE.length())));
            }
        }
        return b.toString();
    }

    static String randomChars(SplittableRandom rnd, String alphabet, int len) {
        char[] cs = new char[len];
        for (int i = 0; i < len; i++) {
            cs[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
        }
        return new String(cs);
    }

    static String randomUnicode(SplittableRandom rnd, int len) {
        char[] cs = new char[len];
        for (int i = 0; i < len; i++) {
            cs[i] = rnd.nextInt(3) == 0 ? (char) rnd.nextInt(0x10000) : (char) (rnd.nextInt(0x7f));
        }
        return new String(cs);
    }

    /**
     * What the redactor meets in practice: the lines the fuzz test rejects (its mutations of generated
     * lines of every format, and the generator's garbage), as many of each format — for timing.
     */
    public static List<String> rejected(Map<LogFormat, List<String>> lines, long seed, int perFormat) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        ParseResult result = new ParseResult();
        for (Map.Entry<LogFormat, List<String>> e : lines.entrySet()) {
            LineParser parser = Parsers.forFormat(e.getKey());
            List<String> base = e.getValue();
            for (int n = 0; n < perFormat; ) {
                String l = IngestFuzzTest.mutate(base.get(rnd.nextInt(base.size())), rnd, -1);
                if (!parser.parse(l, result)) {
                    out.add(l);
                    n++;
                }
            }
        }
        return out;
    }
}
