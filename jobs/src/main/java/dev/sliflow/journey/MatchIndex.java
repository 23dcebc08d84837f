package dev.sliflow.journey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a {@link JourneyCatalog} indexed for {@link JourneyCatalog#match}: the same answer as
 * checking every rule in order with {@link Journey#matches} (first match wins), from one walk of the
 * path instead of one template walk per rule.
 *
 * <p>Every rule has an order id (the excludes first, then the journeys); {@link #first} is the
 * smallest id whose rule matches. Template rules sit in a segment trie: a node has its literal
 * children, one parameter child ({@code {name}} and {@code *}: one non-empty segment), the ids of the
 * rules whose template ends exactly there and the ids of those ending there with {@code **}. The
 * walk visits every node the path can reach (a segment may lead both to a literal child and to the
 * parameter child), never a subtree whose smallest id cannot beat the best match found so far, and
 * allocates nothing (but the {@link java.util.regex.Matcher} of a host pattern, as {@link
 * Journey#matches} does). A rule's method and host are checked only once its path matched. Rules with a
 * regex path, no path or a {@link PathMatcher} other than a template are checked in order with
 * {@link Journey#matches}, after the walk and only while their id is smaller than its result.
 *
 * <p>Built from the catalog's rules, never serialized: the catalog rebuilds it after Java
 * deserialization, when the methods of its journeys are interned again.
 */
final class MatchIndex {
    /** {@link #first}'s answer when no rule matches. */
    static final int NONE = Integer.MAX_VALUE;
    /** Nodes with more literal children than this look a segment up by its hash. */
    static final int LINEAR_MAX = 8;
    private static final int[] NO_IDS = {};
    private static final String[] NO_KEYS = {};
    private static final Node[] NO_NODES = {};

    private final Journey[] rules;
    /** By order id: the interned upper-case method, or null for any. */
    private final String[] methods;
    /** By order id: the host pattern, or null for any. */
    private final Pattern[] hosts;
    /** Ascending ids of the rules not in the trie. */
    private final int[] others;
    /** Null when no rule has a template path. */
    private final Node root;

    MatchIndex(List<Journey> ordered) {
        int n = ordered.size();
        rules = ordered.toArray(new Journey[0]);
        methods = new String[n];
        hosts = new Pattern[n];
        List<Integer> rest = new ArrayList<>();
        Builder top = null;
        for (int id = 0; id < n; id++) {
            Journey j = rules[id];
            methods[id] = j.method();
            hosts[id] = j.host();
            if (j.path() instanceof PathMatcher.Template t) {
                if (top == null) {
                    top = new Builder();
                }
                Builder b = top;
                for (String seg : t.segments()) {
                    b = seg == null ? b.param() : b.literal(seg);
                }
                (t.rest() ? b.restIds : b.endIds).add(id);
            } else {
                rest.add(id);
            }
        }
        others = rest.stream().mapToInt(Integer::intValue).toArray();
        root = top == null ? null : top.build();
    }

    /** @return the smallest order id whose rule matches, or {@link #NONE} */
    int first(String method, String host, String path) {
        int best = NONE;
        if (root != null && path != null && !path.isEmpty() && path.charAt(0) == '/') {
            best = walk(root, path, 1, path.length(), method, host, best);
        }
        for (int id : others) {
            if (id >= best) {
                break;
            }
            if (rules[id].matches(method, host, path)) {
                return id;
            }
        }
        return best;
    }

    /**
     * The segments before {@code pos} led to {@code node}; {@code pos} is where the next segment starts
     * ({@code len + 1} once the path is consumed, as in the template walk of {@link PathMatcher}).
     * A loop down the trie; a call of its own only where a segment leads both to a literal child and
     * to the parameter child.
     */
    private int walk(Node node, String path, int pos, int len, String method, String host, int best) {
        while (true) {
            if (node.restIds.length > 0) {
                best = firstAllowed(node.restIds, method, host, best);
            }
            if (pos > len) { // the path is consumed (pos == len + 1)
                return node.endIds.length > 0 ? firstAllowed(node.endIds, method, host, best) : best;
            }
            Node param = node.param;
            if (param != null && param.minId >= best) {
                param = null;
            }
            if (node.keys.length == 0 && param == null) {
                return best;
            }
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = len;
            }
            if (end == pos) {
                param = null; // a parameter needs a non-empty segment
            }
            Node lit = node.keys.length == 0 ? null : node.child(path, pos, end);
            if (lit != null && lit.minId >= best) {
                lit = null;
            }
            if (lit == null) {
                if (param == null) {
                    return best;
                }
                node = param;
            } else if (param == null) {
                node = lit;
            } else {
                // both: the one with the smaller ids first, then the other if it can still do better
                Node first = lit;
                Node second = param;
                if (param.minId < lit.minId) {
                    first = param;
                    second = lit;
                }
                best = walk(first, path, end + 1, len, method, host, best);
                if (second.minId >= best) {
                    return best;
                }
                node = second;
            }
            pos = end + 1;
        }
    }

    /** The first of {@code ids} (ascending) below {@code best} whose method and host match, else {@code best}. */
    private int firstAllowed(int[] ids, String method, String host, int best) {
        for (int id : ids) {
            if (id >= best) {
                break;
            }
            String m = methods[id];
            if (m != null && m != method && !m.equalsIgnoreCase(method)) {
                continue;
            }
            Pattern h = hosts[id];
            if (h != null && (host == null || !h.matcher(host).matches())) {
                continue;
            }
            return id;
        }
        return best;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** An immutable trie node. */
    private static final class Node {
        /** The smallest id of the rules ending here or below. */
        final int minId;
        final int[] endIds;
        final int[] restIds;
        final String[] keys;
        final Node[] kids;
        /** Open addressing by {@link #spread} of the key's hash: index + 1 into keys/kids, 0 = empty; null when few keys. */
        final int[] table;
        final Node param;

        /** The literal child named by the segment {@code path[pos, end)}, or null. */
        Node child(String path, int pos, int end) {
            int segLen = end - pos;
            String[] ks = keys;
            if (table == null) {
                for (int i = 0; i < ks.length; i++) {
                    String k = ks[i];
                    if (k.length() == segLen && path.regionMatches(pos, k, 0, segLen)) {
                        return kids[i];
                    }
                }
                return null;
            }
            int h = 0;
            for (int i = pos; i < end; i++) {
                h = 31 * h + path.charAt(i); // String.hashCode of the segment
            }
            int[] t = table;
            int mask = t.length - 1;
            for (int slot = spread(h) & mask, k; (k = t[slot]) != 0; slot = (slot + 1) & mask) {
                String key = ks[k - 1];
                if (key.length() == segLen && key.hashCode() == h && path.regionMatches(pos, key, 0, segLen)) {
                    return kids[k - 1];
                }
            }
            return null;
        }

        Node(int[] endIds, int[] restIds, String[] keys, Node[] kids, Node param) {
            this.endIds = endIds;
            this.restIds = restIds;
            this.keys = keys;
            this.kids = kids;
            this.param = param;
            int min = NONE;
            if (endIds.length > 0) {
                min = Math.min(min, endIds[0]);
            }
            if (restIds.length > 0) {
                min = Math.min(min, restIds[0]);
            }
            for (Node k : kids) {
                min = Math.min(min, k.minId);
            }
            if (param != null) {
                min = Math.min(min, param.minId);
            }
            this.minId = min;
            if (keys.length > LINEAR_MAX) {
                int size = Integer.highestOneBit(keys.length * 4 - 1);
                int[] t = new int[size];
                for (int i = 0; i < keys.length; i++) {
                    int slot = spread(keys[i].hashCode()) & (size - 1);
                    while (t[slot] != 0) {
                        slot = (slot + 1) & (size - 1);
                    }
                    t[slot] = i + 1;
                }
                this.table = t;
            } else {
                this.table = null;
            }
        }
    }

    /** A mutable trie node while the index is built; ids are added in ascending order. */
    private static final class Builder {
        final Map<String, Builder> literals = new LinkedHashMap<>();
        Builder param;
        final List<Integer> endIds = new ArrayList<>();
        final List<Integer> restIds = new ArrayList<>();

        Builder literal(String seg) {
            return literals.computeIfAbsent(seg, s -> new Builder());
        }

        Builder param() {
            if (param == null) {
                param = new Builder();
            }
            return param;
        }

        Node build() {
            String[] keys = literals.isEmpty() ? NO_KEYS : literals.keySet().toArray(new String[0]);
            Node[] kids = literals.isEmpty() ? NO_NODES : new Node[keys.length];
            for (int i = 0; i < keys.length; i++) {
                kids[i] = literals.get(keys[i]).build();
            }
            return new Node(ids(endIds), ids(restIds), keys, kids, param == null ? null : param.build());
        }

        private static int[] ids(List<Integer> ids) {
            return ids.isEmpty() ? NO_IDS : ids.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
