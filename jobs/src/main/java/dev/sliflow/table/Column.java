package dev.sliflow.table;

import java.io.Serializable;
import java.util.function.Function;

/** One column of an output table: name, type, nullability, meaning and how to read it from a row. */
public final class Column<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A serializable getter. */
    public interface Getter<T> extends Function<T, Object>, Serializable {}

    private final String name;
    private final ColumnType type;
    private final boolean nullable;
    private final String doc;
    private final Getter<T> getter;

    public Column(String name, ColumnType type, boolean nullable, String doc, Getter<T> getter) {
        this.name = name;
        this.type = type;
        this.nullable = nullable;
        this.doc = doc;
        this.getter = getter;
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    public String doc() {
        return doc;
    }

    public Object get(T row) {
        return getter.apply(row);
    }
}
