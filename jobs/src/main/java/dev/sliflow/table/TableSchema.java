package dev.sliflow.table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The schema of one output table: its name, its columns and how each maps to Parquet. The same
 * object drives the Parquet writer, the column reference of sql/README.md and the checks of sql/ DDL.
 */
public final class TableSchema<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String doc;
    private final List<Column<T>> columns;
    private final java.util.Set<String> withoutDictionary;

    private TableSchema(String name, String doc, List<Column<T>> columns, java.util.Set<String> withoutDictionary) {
        this.name = name;
        this.doc = doc;
        this.columns = List.copyOf(columns);
        this.withoutDictionary = java.util.Set.copyOf(withoutDictionary);
    }

    public static <T> Builder<T> builder(String name, String doc) {
        return new Builder<>(name, doc);
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public List<Column<T>> columns() {
        return columns;
    }

    /** Columns written without a dictionary besides BINARY and DOUBLE ones (nearly unique values). */
    public java.util.Set<String> withoutDictionary() {
        return withoutDictionary;
    }

    /** The Parquet message type; built on demand because MessageType is not serializable. */
    public MessageType messageType() {
        List<Type> fields = new ArrayList<>();
        for (Column<T> c : columns) {
            fields.add(parquetType(c));
        }
        return new MessageType(name, fields);
    }

    private static Type parquetType(Column<?> c) {
        org.apache.parquet.schema.Type.Repetition rep =
                c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        switch (c.type()) {
            case STRING:
                return Types.primitive(PrimitiveTypeName.BINARY, rep)
                        .as(LogicalTypeAnnotation.stringType()).named(c.name());
            case INT32:
                return Types.primitive(PrimitiveTypeName.INT32, rep).named(c.name());
            case INT64:
                return Types.primitive(PrimitiveTypeName.INT64, rep).named(c.name());
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(c.name());
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(c.name());
            case TIMESTAMP_MILLIS_UTC:
                return Types.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                        .named(c.name());
            case DATE:
                return Types.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.dateType()).named(c.name());
            case BINARY:
                return Types.primitive(PrimitiveTypeName.BINARY, rep).named(c.name());
            case MAP_INT32_INT64:
                return Types.map(rep)
                        .key(PrimitiveTypeName.INT32)
                        .value(PrimitiveTypeName.INT64, Type.Repetition.OPTIONAL)
                        .named(c.name());
            default:
                throw new IllegalStateException("unhandled type " + c.type());
        }
    }

    /** Builds a table schema column by column. */
    public static final class Builder<T> {
        private final String name;
        private final String doc;
        private final List<Column<T>> columns = new ArrayList<>();
        private final java.util.Set<String> withoutDictionary = new java.util.HashSet<>();

        private Builder(String name, String doc) {
            this.name = name;
            this.doc = doc;
        }

        public Builder<T> col(String name, ColumnType type, String doc, Column.Getter<T> getter) {
            columns.add(new Column<>(name, type, false, doc, getter));
            return this;
        }

        public Builder<T> nullable(String name, ColumnType type, String doc, Column.Getter<T> getter) {
            columns.add(new Column<>(name, type, true, doc, getter));
            return this;
        }

        /** Columns whose values are nearly all distinct: a dictionary would only cost time. */
        public Builder<T> withoutDictionary(String... names) {
            for (String n : names) {
                if (columns.stream().noneMatch(c -> c.name().equals(n))) {
                    throw new IllegalArgumentException("no column " + n + " in " + name);
                }
                withoutDictionary.add(n);
            }
            return this;
        }

        public TableSchema<T> build() {
            return new TableSchema<>(name, doc, columns, withoutDictionary);
        }
    }
}
