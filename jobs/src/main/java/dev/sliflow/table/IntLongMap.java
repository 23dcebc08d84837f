package dev.sliflow.table;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only {@code Map<Integer, Long>} over two parallel arrays (keys in their array order), for
 * {@link ColumnType#MAP_INT32_INT64} columns: a row's getter hands out its own arrays without building
 * a hash map per row, and {@link RowWriteSupport} writes them straight from the arrays (the 10 M
 * benchmark writes ~144,000 rows of {@code sli_minute}; the per-row {@code LinkedHashMap} and its boxing
 * were ~15% of the Parquet writer's samples). Any other reader sees an ordinary map. The keys must be
 * distinct; the arrays are not copied, so the map shows later changes to them.
 */
public final class IntLongMap extends AbstractMap<Integer, Long> {
    private final int[] keys;
    private final long[] values;

    public IntLongMap(int[] keys, long[] values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
        }
        this.keys = keys;
        this.values = values;
    }

    @Override
    public int size() {
        return keys.length;
    }

    /** The i-th key, in array order. */
    public int keyAt(int i) {
        return keys[i];
    }

    /** The i-th value, in array order. */
    public long valueAt(int i) {
        return values[i];
    }

    @Override
    public Long get(Object key) {
        if (key instanceof Integer k) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == k) {
                    return values[i];
                }
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<Integer, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Entry<Integer, Long>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Entry<Integer, Long> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<Integer, Long> e = new SimpleImmutableEntry<>(keys[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }
        };
    }
}
