package dev.sliflow.flink;

import dev.sliflow.ingest.SliPartial;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer of {@link SliPartial}, the record every minute partial crosses the shuffle and
 * the merge's sort as (a 10 M-line ingest moves ~144,000 of them, each serialized and read back
 * twice). Flink's POJO serializer handled it before: per field a null flag and a reflective get/set,
 * a subclass tag per record; this one writes the fields in a fixed order with direct access.
 *
 * <p>Format (version 2): journey, region, source ({@link StringValue} strings, null-safe), sourceKey, journeyIndex, minute,
 * thresholdsMs (length, ints), total, good, serverErrors, withLatency, goodLatency (length, longs),
 * sketch (length or -1 for null, bytes), quantiles (length or -1 for null, doubles); arrays other
 * than sketch and quantiles are never null.
 */
public final class SliPartialSerializer extends TypeSerializerSingleton<SliPartial> {
    private static final long serialVersionUID = 1L;
    public static final SliPartialSerializer INSTANCE = new SliPartialSerializer();

    /** The type information that makes Flink use this serializer for a stream of partials. */
    public static final TypeInformation<SliPartial> TYPE = new TypeInfo();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SliPartial createInstance() {
        return new SliPartial();
    }

    @Override
    public SliPartial copy(SliPartial from) {
        return from.copy();
    }

    @Override
    public SliPartial copy(SliPartial from, SliPartial reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SliPartial p, DataOutputView out) throws IOException {
        StringValue.writeString(p.journey, out);
        StringValue.writeString(p.region, out);
        StringValue.writeString(p.source, out);
        out.writeLong(p.sourceKey);
        out.writeInt(p.journeyIndex);
        out.writeLong(p.minute);
        int[] th = p.thresholdsMs;
        out.writeInt(th.length);
        for (int t : th) {
            out.writeInt(t);
        }
        out.writeLong(p.total);
        out.writeLong(p.good);
        out.writeLong(p.serverErrors);
        out.writeLong(p.withLatency);
        long[] gl = p.goodLatency;
        out.writeInt(gl.length);
        for (long g : gl) {
            out.writeLong(g);
        }
        byte[] sk = p.sketch;
        if (sk == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(sk.length);
            out.write(sk);
        }
        double[] q = p.quantiles;
        if (q == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(q.length);
            for (double d : q) {
                out.writeDouble(d);
            }
        }
    }

    @Override
    public SliPartial deserialize(DataInputView in) throws IOException {
        return deserialize(new SliPartial(), in);
    }

    /** Fills {@code reuse} with fresh arrays (a merge may still hold the arrays of the previous record). */
    @Override
    public SliPartial deserialize(SliPartial reuse, DataInputView in) throws IOException {
        SliPartial p = reuse;
        p.journey = StringValue.readString(in);
        p.region = StringValue.readString(in);
        p.source = StringValue.readString(in);
        p.sourceKey = in.readLong();
        p.journeyIndex = in.readInt();
        p.minute = in.readLong();
        int[] th = new int[in.readInt()];
        for (int i = 0; i < th.length; i++) {
            th[i] = in.readInt();
        }
        p.thresholdsMs = th;
        p.total = in.readLong();
        p.good = in.readLong();
        p.serverErrors = in.readLong();
        p.withLatency = in.readLong();
        long[] gl = new long[in.readInt()];
        for (int i = 0; i < gl.length; i++) {
            gl[i] = in.readLong();
        }
        p.goodLatency = gl;
        int n = in.readInt();
        if (n < 0) {
            p.sketch = null;
        } else {
            byte[] sk = new byte[n];
            in.readFully(sk);
            p.sketch = sk;
        }
        n = in.readInt();
        if (n < 0) {
            p.quantiles = null;
        } else {
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                q[i] = in.readDouble();
            }
            p.quantiles = q;
        }
        return p;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<SliPartial> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints and savepoints of the streaming job. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SliPartial> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    private static final class TypeInfo extends TypeInformation<SliPartial> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<SliPartial> getTypeClass() {
            return SliPartial.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<SliPartial> createSerializer(SerializerConfig config) {
            return INSTANCE;
        }

        @Override
        public String toString() {
            return "SliPartial";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TypeInfo;
        }

        @Override
        public int hashCode() {
            return SliPartial.class.hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof TypeInfo;
        }
    }
}
