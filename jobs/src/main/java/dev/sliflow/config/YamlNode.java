package dev.sliflow.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file, line and dotted field path, so that every validation error
 * can say exactly where it is. A thin layer over SnakeYAML's composed node tree.
 */
public final class YamlNode {
    private final String file;
    private final String field;
    private final Node node;

    private YamlNode(String file, String field, Node node) {
        this.file = file;
        this.field = field;
        this.node = node;
    }

    /** Parses a YAML file; syntax errors become a {@link ConfigException} with the line. */
    public static YamlNode load(Path path) {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(name, 0, "(file)", "no such file");
        }
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(name, r);
        } catch (IOException e) {
            throw new ConfigException(name, 0, "(file)", "cannot read: " + e.getMessage());
        }
    }

    public static YamlNode parse(String fileName, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new ConfigException(fileName, 1, "(document)", "the file is empty");
            }
            return new YamlNode(fileName, "", root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(fileName, line, "(syntax)", e.getProblem());
        } catch (RuntimeException e) {
            if (e instanceof ConfigException) {
                throw e;
            }
            throw new ConfigException(fileName, 0, "(syntax)", String.valueOf(e.getMessage()));
        }
    }

    /** Parses several YAML documents (e.g. OpenSLO files separated by ---). */
    public static List<YamlNode> parseAll(String fileName, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<YamlNode> out = new ArrayList<>();
        try {
            for (Node n : new Yaml(options).composeAll(reader)) {
                if (n != null) {
                    out.add(new YamlNode(fileName, "", n));
                }
            }
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(fileName, line, "(syntax)", e.getProblem());
        }
        return out;
    }

    public String file() {
        return file;
    }

    /** Dotted path of this node, e.g. {@code journeys[2].match.path}. */
    public String field() {
        return field.isEmpty() ? "(document)" : field;
    }

    /** 1-based line of this node. */
    public int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    public ConfigException error(String problem) {
        return new ConfigException(file, line(), field(), problem);
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The entries of a mapping, in file order; fails when this is not a mapping. */
    public Map<String, YamlNode> map() {
        if (!(node instanceof MappingNode)) {
            throw error("expected a mapping (key: value)");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new java.util.HashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode)) {
                throw new YamlNode(file, field, t.getKeyNode()).error("keys must be plain strings");
            }
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            int keyLine = t.getKeyNode().getStartMark().getLine() + 1;
            Integer first = keyLines.putIfAbsent(key, keyLine);
            if (first != null) {
                // compose() does not reject duplicate keys (the constructor would); a repeated key must not win silently
                throw new ConfigException(file, keyLine, child(key), "duplicate key (first on line " + first + ")");
            }
            out.put(key, new YamlNode(file, child(key), t.getValueNode()));
        }
        return out;
    }

    /** Like {@link #map()} but rejects keys outside {@code allowed}, naming the line of the key. */
    public Map<String, YamlNode> map(Set<String> allowed) {
        Map<String, YamlNode> m = map();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!allowed.contains(key)) {
                throw new ConfigException(
                        file,
                        t.getKeyNode().getStartMark().getLine() + 1,
                        child(key),
                        "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
        return m;
    }

    public List<YamlNode> list() {
        if (!(node instanceof SequenceNode)) {
            throw error("expected a list");
        }
        List<Node> items = ((SequenceNode) node).getValue();
        List<YamlNode> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(new YamlNode(file, field + "[" + i + "]", items.get(i)));
        }
        return out;
    }

    /** A scalar, or a one-element list made of it. */
    public List<YamlNode> listOrScalar() {
        return isList() ? list() : List.of(this);
    }

    public String text() {
        if (!(node instanceof ScalarNode)) {
            throw error("expected a single value");
        }
        return ((ScalarNode) node).getValue();
    }

    public String nonEmptyText() {
        String s = text().trim();
        if (s.isEmpty()) {
            throw error("must not be empty");
        }
        return s;
    }

    public long longValue() {
        String s = text().trim().replace("_", "");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error("expected a whole number, got '" + s + "'");
        }
    }

    public double doubleValue() {
        String s = text().trim();
        try {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw error("expected a finite number, got '" + s + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw error("expected a number, got '" + s + "'");
        }
    }

    public boolean booleanValue() {
        String s = text().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("yes")) {
            return true;
        }
        if (s.equals("false") || s.equals("no")) {
            return false;
        }
        throw error("expected true or false, got '" + s + "'");
    }

    private String child(String key) {
        return field.isEmpty() ? key : field + "." + key;
    }
}
