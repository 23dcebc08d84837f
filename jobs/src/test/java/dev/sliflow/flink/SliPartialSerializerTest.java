package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.ingest.SliPartial;
import dev.sliflow.sli.SliAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The partial's Flink serializer: every field round-trips, records stay separate, snapshots restore it. */
class SliPartialSerializerTest {
    static final SliPartialSerializer S = SliPartialSerializer.INSTANCE;

    static List<SliPartial> partials(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SliPartial> out = new ArrayList<>();
        String[] names = {"checkout", "search", "ü-journey", "x".repeat(64), ""};
        String[] regions = {"", "eu-west-1", "us-east-1", "名前", null};
        for (int i = 0; i < n; i++) {
            int[] th = new int[r.nextInt(0, 5)];
            for (int k = 0; k < th.length; k++) {
                th[k] = (k + 1) * r.nextInt(1, 500);
            }
            SliAccumulator acc = new SliAccumulator(th);
            int events = r.nextInt(0, 200);
            for (int k = 0; k < events; k++) {
                boolean bad = r.nextInt(20) == 0;
                acc.add(bad ? 503 : 200, bad, r.nextInt(4) == 0 ? -1 : r.nextLong(0, 5_000_000)); // µs
            }
            SliPartial p = SliPartial.of(names[r.nextInt(names.length)], r.nextInt(1000),
                    regions[r.nextInt(regions.length)], r.nextLong(0, 8_000_000_000_000L) / 60_000 * 60_000, acc);
            if (r.nextInt(10) == 0) {
                p.sketch = null; // the fields a partial may lack
            }
            if (r.nextInt(10) == 0) {
                p.quantiles = null;
            }
            out.add(p);
        }
        return out;
    }

    static void assertSame(SliPartial a, SliPartial b) {
        assertThat(b).usingRecursiveComparison().isEqualTo(a);
    }

    @Test
    void everyFieldRoundTripsAndConsecutiveRecordsStaySeparate() throws Exception {
        List<SliPartial> ps = partials(2_000, 3);
        DataOutputSerializer out = new DataOutputSerializer(1024);
        for (SliPartial p : ps) {
            S.serialize(p, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        SliPartial reuse = S.createInstance();
        for (int i = 0; i < ps.size(); i++) {
            SliPartial back = i % 2 == 0 ? S.deserialize(in) : S.deserialize(reuse, in);
            assertSame(ps.get(i), back);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void aReusedInstanceGetsFreshArraysSoAHeldRecordIsNotOverwritten() throws Exception {
        List<SliPartial> ps = partials(2, 9);
        DataOutputSerializer out = new DataOutputSerializer(256);
        S.serialize(ps.get(0), out);
        S.serialize(ps.get(1), out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        SliPartial reuse = S.createInstance();
        SliPartial first = S.deserialize(reuse, in);
        long[] firstGood = first.goodLatency;
        byte[] firstSketch = first.sketch;
        long[] keptGood = firstGood.clone();
        byte[] keptSketch = firstSketch == null ? null : firstSketch.clone();
        S.deserialize(reuse, in);
        assertThat(firstGood).containsExactly(keptGood);
        assertThat(firstSketch).isEqualTo(keptSketch);
    }

    @Test
    void copiesShareNothingAndTheViewCopyIsTheSameBytes() throws Exception {
        for (SliPartial p : partials(300, 5)) {
            SliPartial c = S.copy(p);
            assertSame(p, c);
            assertThat(c.goodLatency).isNotSameAs(p.goodLatency);
            DataOutputSerializer a = new DataOutputSerializer(256);
            S.serialize(p, a);
            DataOutputSerializer b = new DataOutputSerializer(256);
            S.copy(new DataInputDeserializer(a.getSharedBuffer(), 0, a.length()), b);
            assertThat(b.getCopyOfBuffer()).isEqualTo(a.getCopyOfBuffer());
        }
    }

    @Test
    void theSnapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializerSnapshot<SliPartial> snap = S.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snap.writeSnapshot(out);
        TypeSerializerSnapshot<SliPartial> read = new SliPartialSerializer.Snapshot();
        read.readSnapshot(snap.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(S);
        assertThat(S.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs()).isTrue();
    }

    @Test
    void theStreamTypeCreatesThisSerializerNotThePojoOne() {
        TypeInformation<SliPartial> t = SliPartialSerializer.TYPE;
        TypeSerializer<SliPartial> s = t.createSerializer(new SerializerConfigImpl());
        assertThat(s).isSameAs(S);
        assertThat(t.getTypeClass()).isEqualTo(SliPartial.class);
    }
}
