package dev.sliflow.table;

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
            lastBinary[column] = Binary.fromString(v);
        }
        return lastBinary[column];
    }

    private void writeValue(ColumnType type, Object v) {
        switch (type) {
            case STRING:
                consumer.addBinary(Binary.fromString((String) v));
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
        if (map instanceof IntLongMap m) {
            writeMap(m);
            return;
        }
        consumer.startGroup();
        if (!map.isEmpty()) {
            consumer.startField("key_value", 0);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                consumer.startGroup();
                consumer.startField("key", 0);
                consumer.addInteger(((Number) e.getKey()).intValue());
                consumer.endField("key", 0);
                if (e.getValue() != null) {
                    consumer.startField("value", 1);
                    consumer.addLong(((Number) e.getValue()).longValue());
                    consumer.endField("value", 1);
                }
                consumer.endGroup();
            }
            consumer.endField("key_value", 0);
        }
        consumer.endGroup();
    }
    /** {@link #writeMap(Map)} straight from the arrays: the same records, no entries, no boxing. */
    private void writeMap(IntLongMap map) {
        consumer.startGroup();
        int n = map.size();
        if (n > 0) {
            consumer.startField("key_value", 0);
            for (int i = 0; i < n; i++) {
                consumer.startGroup();
                consumer.startField("key", 0);
                consumer.addInteger(map.keyAt(i));
                consumer.endField("key", 0);
                consumer.startField("value", 1);
                consumer.addLong(map.valueAt(i));
                consumer.endField("value", 1);
                consumer.endGroup();
            }
            consumer.endField("key_value", 0);
        }
        consumer.endGroup();
    }
}
