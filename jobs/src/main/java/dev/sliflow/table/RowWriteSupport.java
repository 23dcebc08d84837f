package dev.sliflow.table;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes rows of a {@link TableSchema} through Parquet's record consumer: no Avro, exact types. */
final class RowWriteSupport<T> extends WriteSupport<T> {
    private final TableSchema<T> schema;
    private final Map<String, String> metadata;
    private RecordConsumer consumer;
    /**
     * Per column, the last String written and its UTF-8 Binary: rows in a run repeat the same String
     * objects (journey, candidate id, tier…), so they are encoded once (an immutable Binary may be reused).
     */
    private String[] lastString;
    private Binary[] lastBinary;

    RowWriteSupport(TableSchema<T> schema, Map<String, String> metadata) {
        this.schema = schema;
        this.metadata = metadata;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        MessageType type = schema.messageType();
        return new WriteContext(type, new HashMap<>(metadata));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
        this.lastString = new String[schema.columns().size()];
        this.lastBinary = new Binary[schema.columns().size()];
    }

    @Override
    public void write(T row) {
        consumer.startMessage();
        List<Column<T>> cols = schema.columns();
        for (int i = 0; i < cols.size(); i++) {
            Column<T> c = cols.get(i);
            Object v = c.get(row);
            if (v == null) {
                if (!c.nullable()) {
                    throw new IllegalStateException("column " + schema.name() + "." + c.name() + " is required but null");
                }
                continue;
            }
            consumer.startField(c.name(), i);
            if (c.type() == ColumnType.STRING) {
                consumer.addBinary(binary(i, (String) v));
            } else {
                writeValue(c.type(), v);
            }
            consumer.endField(c.name(), i);
        }
        consumer.endMessage();
    }

    private Binary binary(int column, String v) {
        if (v != lastString[column]) {
            lastString[column] = v;
            lastBinary[column] = utf8(v);
        }
        return lastBinary[column];
    }

    /**
     * A string's UTF-8 bytes as an array-backed Binary: {@code Binary.fromString} gives a ByteBuffer-backed
     * one, whose hashing and comparing in the column's dictionary and statistics went through ByteBuffer
     * views (a tenth of a backtest's Parquet writing in JFR samples).
     */
    private static Binary utf8(String v) {
        return Binary.fromConstantByteArray(v.getBytes(StandardCharsets.UTF_8));
    }

    private void writeValue(ColumnType type, Object v) {
        switch (type) {
            case STRING:
                consumer.addBinary(utf8((String) v));
                break;
            case INT32:
            case DATE:
                consumer.addInteger(((Number) v).intValue());
                break;
            case INT64:
            case TIMESTAMP_MILLIS_UTC:
                consumer.addLong(((Number) v).longValue());
                break;
            case DOUBLE:
                consumer.addDouble(((Number) v).doubleValue());
                break;
            case BOOLEAN:
                consumer.addBoolean((Boolean) v);
                break;
            case BINARY:
                consumer.addBinary(Binary.fromConstantByteArray((byte[]) v));
                break;
            case MAP_INT32_INT64:
                writeMap((Map<?, ?>) v);
                break;
            default:
                throw new IllegalStateException("unhandled type " + type);
        }
    }

    private void writeMap(Map<?, ?> map) {
        IntLongMap arrays = map instanceof IntLongMap m ? m : null; // written from its arrays: no entries, no boxing
        consumer.startGroup();
        if (!map.isEmpty()) {
            consumer.startField("key_value", 0);
            if (arrays != null) {
                for (int i = 0, n = arrays.size(); i < n; i++) {
                    writeEntry(arrays.keyAt(i), true, arrays.valueAt(i));
                }
            } else {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Number v = (Number) e.getValue();
                    writeEntry(((Number) e.getKey()).intValue(), v != null, v == null ? 0 : v.longValue());
                }
            }
            consumer.endField("key_value", 0);
        }
        consumer.endGroup();
    }

    /** One key_value record of a map; without a value (a null in the map) the optional value field is left out. */
    private void writeEntry(int key, boolean hasValue, long value) {
        consumer.startGroup();
        consumer.startField("key", 0);
        consumer.addInteger(key);
        consumer.endField("key", 0);
        if (hasValue) {
            consumer.startField("value", 1);
            consumer.addLong(value);
            consumer.endField("value", 1);
        }
        consumer.endGroup();
    }
}
