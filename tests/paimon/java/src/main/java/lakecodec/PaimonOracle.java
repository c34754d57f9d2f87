package lakecodec;

import org.apache.paimon.data.BinaryArray;
import org.apache.paimon.data.BinaryRow;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.Decimal;
import org.apache.paimon.data.GenericArray;
import org.apache.paimon.data.GenericMap;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.InternalArray;
import org.apache.paimon.data.InternalMap;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.data.serializer.InternalRowSerializer;
import org.apache.paimon.index.DeletionVectorMeta;
import org.apache.paimon.index.GlobalIndexMeta;
import org.apache.paimon.index.IndexFileMeta;
import org.apache.paimon.io.CompactIncrement;
import org.apache.paimon.io.DataFileMeta;
import org.apache.paimon.io.DataIncrement;
import org.apache.paimon.io.DataInputDeserializer;
import org.apache.paimon.io.DataOutputViewStreamWrapper;
import org.apache.paimon.manifest.FileSource;
import org.apache.paimon.schema.TableSchema;
import org.apache.paimon.stats.SimpleStats;
import org.apache.paimon.table.sink.CommitMessage;
import org.apache.paimon.table.sink.CommitMessageImpl;
import org.apache.paimon.table.sink.CommitMessageSerializer;
import org.apache.paimon.table.sink.FixedBucketRowKeyExtractor;
import org.apache.paimon.types.ArrayType;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.DataType;
import org.apache.paimon.types.DataTypes;
import org.apache.paimon.types.DecimalType;
import org.apache.paimon.types.LocalZonedTimestampType;
import org.apache.paimon.types.MapType;
import org.apache.paimon.types.RowType;
import org.apache.paimon.types.TimestampType;
import org.apache.paimon.utils.SerializationUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Java Paimon oracle for the lakecodec tests. Commands:
 *
 * <pre>
 *   version                                  print CommitMessageSerializer's version
 *   decode VERSION FILE                      [n][messages] body -> JSON array on stdout
 *   random SEED COUNT OUT_BIN OUT_JSON       random messages serialized at the current version
 *   keys SEED COUNT OUT_JSONL                random rows of every type: BinaryRow bytes, bucket
 *   bench COUNT FILES ROUNDS OUT_BIN         serialize+deserialize timing of COUNT messages
 *   manifest-write TABLE SEED COUNT OUT_JSON Java's ManifestFile/ManifestList write random entries
 *   manifest-read TABLE NAME                 Java's ManifestFile reads manifest/NAME -> JSON
 *   manifest-list-read TABLE NAME            Java's ManifestList reads manifest/NAME -> JSON
 *   json-roundtrip snapshot|schema FILE...   Java parses snapshot/schema files, prints their JSON
 * </pre>
 */
public class PaimonOracle {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "version":
                System.out.println(new CommitMessageSerializer().getVersion());
                break;
            case "decode":
                decode(Integer.parseInt(args[1]), args[2]);
                break;
            case "random":
                random(Long.parseLong(args[1]), Integer.parseInt(args[2]), args[3], args[4]);
                break;
            case "keys":
                keys(Long.parseLong(args[1]), Integer.parseInt(args[2]), args[3]);
                break;
            case "manifest-write":
                manifestWrite(args[1], Long.parseLong(args[2]), Integer.parseInt(args[3]), args[4]);
                break;
            case "manifest-read":
                manifestRead(args[1], args[2]);
                break;
            case "manifest-list-read":
                manifestListRead(args[1], args[2]);
                break;
            case "json-roundtrip":
                jsonRoundTrip(args[1], Arrays.copyOfRange(args, 2, args.length));
                break;
            case "bench":
                bench(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]), args[4]);
                break;
            default:
                throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ------------------------------------------------------------------ JSON of messages

    static final HexFormat HEX = HexFormat.of();

    static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String hex(byte[] b) {
        return b == null ? "null" : "\"" + HEX.formatHex(b) + "\"";
    }

    static String row(BinaryRow r) {
        byte[] all = SerializationUtils.serializeBinaryRow(r);
        return "{\"arity\":" + r.getFieldCount() + ",\"bytes\":\""
                + HEX.formatHex(all, 4, all.length) + "\"}";
    }

    static String strings(List<String> l) {
        if (l == null) {
            return "null";
        }
        List<String> parts = new ArrayList<>();
        for (String s : l) {
            parts.add(str(s));
        }
        return "[" + String.join(",", parts) + "]";
    }

    static String stats(SimpleStats s) {
        String nc;
        BinaryArray a = s.nullCounts();
        if (a == null) {
            nc = "null";
        } else {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                parts.add(a.isNullAt(i) ? "null" : Long.toString(a.getLong(i)));
            }
            nc = "[" + String.join(",", parts) + "]";
        }
        return "{\"minValues\":" + row(s.minValues()) + ",\"maxValues\":" + row(s.maxValues())
                + ",\"nullCounts\":" + nc + "}";
    }

    static String file(DataFileMeta f) {
        return "{\"fileName\":" + str(f.fileName())
                + ",\"fileSize\":" + f.fileSize()
                + ",\"rowCount\":" + f.rowCount()
                + ",\"minKey\":" + row(f.minKey())
                + ",\"maxKey\":" + row(f.maxKey())
                + ",\"keyStats\":" + stats(f.keyStats())
                + ",\"valueStats\":" + stats(f.valueStats())
                + ",\"minSequenceNumber\":" + f.minSequenceNumber()
                + ",\"maxSequenceNumber\":" + f.maxSequenceNumber()
                + ",\"schemaId\":" + f.schemaId()
                + ",\"level\":" + f.level()
                + ",\"extraFiles\":" + strings(f.extraFiles())
                + ",\"creationTime\":"
                + (f.creationTime() == null ? "null" : f.creationTime().getMillisecond())
                + ",\"deleteRowCount\":" + f.deleteRowCount().map(Object::toString).orElse("null")
                + ",\"embeddedIndex\":" + hex(f.embeddedIndex())
                + ",\"fileSource\":"
                + f.fileSource().map(s -> Integer.toString(s.toByteValue())).orElse("null")
                + ",\"valueStatsCols\":" + strings(f.valueStatsCols())
                + ",\"externalPath\":" + f.externalPath().map(PaimonOracle::str).orElse("null")
                + ",\"firstRowId\":" + (f.firstRowId() == null ? "null" : f.firstRowId())
                + ",\"writeCols\":" + strings(f.writeCols())
                + ",\"writeColsSequences\":null}";
    }

    static String index(IndexFileMeta f) {
        String dv = "null";
        if (f.dvRanges() != null) {
            List<String> parts = new ArrayList<>();
            for (DeletionVectorMeta d : f.dvRanges().values()) {
                parts.add("{\"fileName\":" + str(d.dataFileName()) + ",\"offset\":" + d.offset()
                        + ",\"length\":" + d.length() + ",\"cardinality\":"
                        + (d.cardinality() == null ? "null" : d.cardinality()) + "}");
            }
            dv = "[" + String.join(",", parts) + "]";
        }
        String g = "null";
        GlobalIndexMeta m = f.globalIndexMeta();
        if (m != null) {
            String ids = "null";
            if (m.extraFieldIds() != null) {
                List<String> parts = new ArrayList<>();
                for (int id : m.extraFieldIds()) {
                    parts.add(Integer.toString(id));
                }
                ids = "[" + String.join(",", parts) + "]";
            }
            g = "{\"rowRangeStart\":" + m.rowRangeStart() + ",\"rowRangeEnd\":" + m.rowRangeEnd()
                    + ",\"indexFieldId\":" + m.indexFieldId() + ",\"extraFieldIds\":" + ids
                    + ",\"indexMeta\":" + hex(m.indexMeta()) + ",\"sourceMeta\":null}";
        }
        return "{\"indexType\":" + str(f.indexType()) + ",\"fileName\":" + str(f.fileName())
                + ",\"fileSize\":" + f.fileSize() + ",\"rowCount\":" + f.rowCount()
                + ",\"dvRanges\":" + dv + ",\"externalPath\":" + str(f.externalPath())
                + ",\"globalIndex\":" + g + "}";
    }

    static String files(List<DataFileMeta> l) {
        List<String> parts = new ArrayList<>();
        for (DataFileMeta f : l) {
            parts.add(file(f));
        }
        return "[" + String.join(",", parts) + "]";
    }

    static String indexes(List<IndexFileMeta> l) {
        List<String> parts = new ArrayList<>();
        for (IndexFileMeta f : l) {
            parts.add(index(f));
        }
        return "[" + String.join(",", parts) + "]";
    }

    static String message(CommitMessage cm) {
        CommitMessageImpl m = (CommitMessageImpl) cm;
        DataIncrement d = m.newFilesIncrement();
        CompactIncrement c = m.compactIncrement();
        return "{\"partition\":" + row(m.partition()) + ",\"bucket\":" + m.bucket()
                + ",\"totalBuckets\":" + (m.totalBuckets() == null ? "null" : m.totalBuckets())
                + ",\"newFiles\":" + files(d.newFiles())
                + ",\"deletedFiles\":" + files(d.deletedFiles())
                + ",\"changelogFiles\":" + files(d.changelogFiles())
                + ",\"newIndexFiles\":" + indexes(d.newIndexFiles())
                + ",\"deletedIndexFiles\":" + indexes(d.deletedIndexFiles())
                + ",\"compactBefore\":" + files(c.compactBefore())
                + ",\"compactAfter\":" + files(c.compactAfter())
                + ",\"compactChangelogFiles\":" + files(c.changelogFiles())
                + ",\"compactNewIndexFiles\":" + indexes(c.newIndexFiles())
                + ",\"compactDeletedIndexFiles\":" + indexes(c.deletedIndexFiles()) + "}";
    }

    static String messages(List<CommitMessage> l) {
        List<String> parts = new ArrayList<>();
        for (CommitMessage m : l) {
            parts.add(message(m));
        }
        return "[" + String.join(",\n", parts) + "]";
    }

    static void decode(int version, String file) throws Exception {
        byte[] bytes = Files.readAllBytes(Paths.get(file));
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        List<CommitMessage> list = new CommitMessageSerializer().deserializeList(version, in);
        if (in.available() != 0) {
            throw new IllegalStateException(in.available() + " bytes follow the message list");
        }
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        out.println(messages(list));
    }

    // ------------------------------------------------------------------ random values

    static final DataType[] ATOMIC = {
        DataTypes.BOOLEAN(),
        DataTypes.TINYINT(),
        DataTypes.SMALLINT(),
        DataTypes.INT(),
        DataTypes.BIGINT(),
        DataTypes.FLOAT(),
        DataTypes.DOUBLE(),
        DataTypes.DECIMAL(10, 2),
        DataTypes.DECIMAL(18, 4),
        DataTypes.DECIMAL(19, 0),
        DataTypes.DECIMAL(38, 10),
        DataTypes.STRING(),
        DataTypes.VARCHAR(20),
        DataTypes.CHAR(5),
        DataTypes.BYTES(),
        DataTypes.BINARY(4),
        DataTypes.DATE(),
        DataTypes.TIME(),
        DataTypes.TIMESTAMP(0),
        DataTypes.TIMESTAMP(3),
        DataTypes.TIMESTAMP(6),
        DataTypes.TIMESTAMP(9),
        DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(3),
        DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(6),
    };

    static final String[] PIECES = {"a", "b", "Z", "0", " ", "é", "中", "😀", "-", "_", "xyz"};

    static String randomString(Random r) {
        int n = r.nextInt(4) == 0 ? r.nextInt(30) : r.nextInt(10);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    static Object randomValue(Random r, DataType t, boolean allowNull) {
        if (allowNull && t.isNullable() && r.nextInt(8) == 0) {
            return null;
        }
        switch (t.getTypeRoot()) {
            case BOOLEAN:
                return r.nextBoolean();
            case TINYINT:
                return (byte) r.nextInt();
            case SMALLINT:
                return (short) r.nextInt();
            case INTEGER:
                return r.nextInt(3) == 0 ? r.nextInt(100) - 50 : r.nextInt();
            case BIGINT:
                return r.nextInt(3) == 0 ? (long) (r.nextInt(100) - 50) : r.nextLong();
            case FLOAT:
                return r.nextInt(20) == 0 ? Float.NaN : (float) (r.nextGaussian() * 1e4);
            case DOUBLE:
                return r.nextInt(20) == 0 ? Double.NEGATIVE_INFINITY : r.nextGaussian() * 1e9;
            case DECIMAL:
                {
                    DecimalType d = (DecimalType) t;
                    int digits = 1 + r.nextInt(d.getPrecision());
                    BigInteger v = new BigInteger(digits * 3, r);
                    BigInteger max = BigInteger.TEN.pow(d.getPrecision());
                    v = v.mod(max);
                    if (r.nextBoolean()) {
                        v = v.negate();
                    }
                    return Decimal.fromBigDecimal(
                            new BigDecimal(v, d.getScale()), d.getPrecision(), d.getScale());
                }
            case CHAR:
            case VARCHAR:
                return BinaryString.fromString(randomString(r));
            case BINARY:
            case VARBINARY:
                {
                    byte[] b = new byte[r.nextInt(4) == 0 ? r.nextInt(40) : r.nextInt(9)];
                    r.nextBytes(b);
                    return b;
                }
            case DATE:
                return r.nextInt(365 * 200) - 365 * 70;
            case TIME_WITHOUT_TIME_ZONE:
                return r.nextInt(86400000);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                {
                    int p =
                            t instanceof TimestampType
                                    ? ((TimestampType) t).getPrecision()
                                    : ((LocalZonedTimestampType) t).getPrecision();
                    long millis = (long) (r.nextDouble() * 6e12) - 2_000_000_000_000L;
                    int nanos = 0;
                    if (p <= 3) {
                        millis -= Math.floorMod(millis, (long) Math.pow(10, 3 - p));
                    } else {
                        nanos = r.nextInt(1_000_000);
                        nanos -= nanos % (int) Math.pow(10, 9 - p);
                    }
                    return Timestamp.fromEpochMillis(millis, nanos);
                }
            case ARRAY:
                {
                    DataType e = ((ArrayType) t).getElementType();
                    Object[] a = new Object[r.nextInt(6)];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = randomValue(r, e, true);
                    }
                    return new GenericArray(a);
                }
            case MAP:
                {
                    MapType m = (MapType) t;
                    Map<Object, Object> map = new LinkedHashMap<>();
                    int n = r.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        map.put(randomValue(r, m.getKeyType(), false), randomValue(r, m.getValueType(), true));
                    }
                    return new GenericMap(map);
                }
            case ROW:
                {
                    RowType rt = (RowType) t;
                    GenericRow g = new GenericRow(rt.getFieldCount());
                    for (int i = 0; i < rt.getFieldCount(); i++) {
                        g.setField(i, randomValue(r, rt.getTypeAt(i), true));
                    }
                    return g;
                }
            default:
                throw new IllegalArgumentException("no random value for " + t);
        }
    }

    static String typeJson(DataType t) {
        String nn = t.isNullable() ? "" : " NOT NULL";
        if (t instanceof ArrayType) {
            return "{\"type\":\"ARRAY" + nn + "\",\"element\":" + typeJson(((ArrayType) t).getElementType()) + "}";
        }
        if (t instanceof MapType) {
            MapType m = (MapType) t;
            return "{\"type\":\"MAP" + nn + "\",\"key\":" + typeJson(m.getKeyType()) + ",\"value\":"
                    + typeJson(m.getValueType()) + "}";
        }
        if (t instanceof RowType) {
            List<String> parts = new ArrayList<>();
            for (DataField f : ((RowType) t).getFields()) {
                parts.add("{\"id\":" + f.id() + ",\"name\":" + str(f.name()) + ",\"type\":" + typeJson(f.type()) + "}");
            }
            return "{\"type\":\"ROW" + nn + "\",\"fields\":[" + String.join(",", parts) + "]}";
        }
        return str(t.asSQLString());
    }

    static String valueJson(Object v, DataType t) {
        if (v == null) {
            return "null";
        }
        switch (t.getTypeRoot()) {
            case BOOLEAN:
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case TIME_WITHOUT_TIME_ZONE:
                return v.toString();
            case FLOAT:
            case DOUBLE:
                {
                    double d = ((Number) v).doubleValue();
                    if (Double.isNaN(d)) {
                        return "\"NaN\"";
                    }
                    if (Double.isInfinite(d)) {
                        return d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
                    }
                    return Double.toString(d);
                }
            case DECIMAL:
                return "\"" + ((Decimal) v).toBigDecimal().toPlainString() + "\"";
            case CHAR:
            case VARCHAR:
                return str(v.toString());
            case BINARY:
            case VARBINARY:
                return "\"" + Base64.getEncoder().encodeToString((byte[]) v) + "\"";
            case DATE:
                return "\"" + LocalDate.ofEpochDay((Integer) v) + "\"";
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return "\"" + ((Timestamp) v).toLocalDateTime() + "\"";
            case ARRAY:
                {
                    InternalArray a = (InternalArray) v;
                    Object[] arr = ((GenericArray) a).toObjectArray();
                    List<String> parts = new ArrayList<>();
                    for (Object o : arr) {
                        parts.add(valueJson(o, ((ArrayType) t).getElementType()));
                    }
                    return "[" + String.join(",", parts) + "]";
                }
            case MAP:
                {
                    MapType m = (MapType) t;
                    GenericMap gm = (GenericMap) v;
                    InternalArray keys = gm.keyArray();
                    InternalArray vals = gm.valueArray();
                    Object[] ka = ((GenericArray) keys).toObjectArray();
                    Object[] va = ((GenericArray) vals).toObjectArray();
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < ka.length; i++) {
                        parts.add("[" + valueJson(ka[i], m.getKeyType()) + "," + valueJson(va[i], m.getValueType()) + "]");
                    }
                    return "[" + String.join(",", parts) + "]";
                }
            case ROW:
                {
                    RowType rt = (RowType) t;
                    GenericRow g = (GenericRow) v;
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < rt.getFieldCount(); i++) {
                        parts.add(valueJson(g.getField(i), rt.getTypeAt(i)));
                    }
                    return "[" + String.join(",", parts) + "]";
                }
            default:
                throw new IllegalArgumentException("no JSON for " + t);
        }
    }

    static RowType randomRowType(Random r, int maxFields) {
        int n = r.nextInt(maxFields + 1);
        List<DataField> fields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fields.add(new DataField(i, "f" + i, ATOMIC[r.nextInt(ATOMIC.length)]));
        }
        return new RowType(fields);
    }

    static BinaryRow randomRow(Random r, RowType t) {
        GenericRow g = new GenericRow(t.getFieldCount());
        for (int i = 0; i < t.getFieldCount(); i++) {
            g.setField(i, randomValue(r, t.getTypeAt(i), true));
        }
        return new InternalRowSerializer(t).toBinaryRow(g).copy();
    }

    // ------------------------------------------------------------------ random messages

    static List<String> randomNames(Random r, int max) {
        List<String> l = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            l.add(randomString(r) + i);
        }
        return l;
    }

    static SimpleStats randomStats(Random r) {
        RowType t = randomRowType(r, 5);
        // Java's readers cannot read a null _NULL_COUNTS array back, so never write one.
        BinaryArray nc;
        {
            Long[] counts = new Long[t.getFieldCount()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = r.nextInt(6) == 0 ? null : (long) r.nextInt(1000);
            }
            nc = BinaryArray.fromLongArray(counts);
        }
        return new SimpleStats(randomRow(r, t), randomRow(r, t), nc);
    }

    static DataFileMeta randomFile(Random r) {
        RowType keyType = randomRowType(r, 3);
        byte[] embedded = null;
        if (r.nextInt(4) == 0) {
            embedded = new byte[r.nextInt(20)];
            r.nextBytes(embedded);
        }
        return DataFileMeta.create(
                "data-" + new java.util.UUID(r.nextLong(), r.nextLong()) + "-" + r.nextInt(100) + ".parquet",
                r.nextInt(1 << 30),
                r.nextInt(1 << 20),
                randomRow(r, keyType),
                randomRow(r, keyType),
                randomStats(r),
                randomStats(r),
                r.nextInt(1000),
                1000 + r.nextInt(1000),
                r.nextInt(5),
                r.nextInt(6),
                randomNames(r, 2),
                r.nextInt(5) == 0 ? null : Timestamp.fromEpochMillis(1_600_000_000_000L + r.nextInt(1 << 30)),
                r.nextBoolean() ? null : (long) r.nextInt(100),
                embedded,
                r.nextInt(3) == 0 ? null : (r.nextBoolean() ? FileSource.APPEND : FileSource.COMPACT),
                r.nextBoolean() ? null : randomNames(r, 3),
                r.nextBoolean() ? null : "oss://bucket/path/" + randomString(r),
                r.nextBoolean() ? null : (long) r.nextInt(1 << 30),
                r.nextBoolean() ? null : randomNames(r, 3));
    }

    static IndexFileMeta randomIndex(Random r) {
        String name = "index-" + new java.util.UUID(r.nextLong(), r.nextLong()) + "-" + r.nextInt(9);
        String ext = r.nextBoolean() ? null : "s3://b/index/" + name;
        int kind = r.nextInt(3);
        if (kind == 0) {
            LinkedHashMap<String, DeletionVectorMeta> dv = new LinkedHashMap<>();
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                String f = "data-" + i + "-" + randomString(r) + ".orc";
                dv.put(f, new DeletionVectorMeta(f, r.nextInt(1 << 20), r.nextInt(1 << 16),
                        r.nextBoolean() ? null : (long) r.nextInt(1000)));
            }
            return new IndexFileMeta("DELETION_VECTORS", name, r.nextInt(1 << 20), n, dv, ext);
        }
        if (kind == 1) {
            return new IndexFileMeta("HASH", name, r.nextInt(1 << 20), r.nextInt(1 << 20), (LinkedHashMap<String, DeletionVectorMeta>) null, ext);
        }
        int[] extra = r.nextBoolean() ? null : new int[] {r.nextInt(100), r.nextInt(100)};
        byte[] meta = r.nextBoolean() ? null : new byte[] {1, 2, 3, (byte) r.nextInt()};
        long start = r.nextInt(1 << 20);
        GlobalIndexMeta g = new GlobalIndexMeta(start, start + r.nextInt(1000), r.nextInt(50), extra, meta);
        return new IndexFileMeta("btree", name, r.nextInt(1 << 20), r.nextInt(1 << 20), g, ext);
    }

    static List<DataFileMeta> randomFiles(Random r, int max) {
        List<DataFileMeta> l = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            l.add(randomFile(r));
        }
        return l;
    }

    static List<IndexFileMeta> randomIndexes(Random r, int max) {
        List<IndexFileMeta> l = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            l.add(randomIndex(r));
        }
        return l;
    }

    static CommitMessage randomMessage(Random r) {
        RowType pt = randomRowType(r, 4);
        return new CommitMessageImpl(
                randomRow(r, pt),
                r.nextInt(64) - 2,
                r.nextBoolean() ? null : 1 + r.nextInt(64),
                new DataIncrement(randomFiles(r, 2), randomFiles(r, 1), randomFiles(r, 1),
                        randomIndexes(r, 2), randomIndexes(r, 1)),
                new CompactIncrement(randomFiles(r, 1), randomFiles(r, 1), randomFiles(r, 1),
                        randomIndexes(r, 1), randomIndexes(r, 1)));
    }

    static byte[] serializeList(List<CommitMessage> list) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CommitMessageSerializer().serializeList(list, new DataOutputViewStreamWrapper(out));
        return out.toByteArray();
    }

    static void random(long seed, int count, String outBin, String outJson) throws Exception {
        Random r = new Random(seed);
        List<CommitMessage> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(randomMessage(r));
        }
        Files.write(Paths.get(outBin), serializeList(list));
        Files.write(Paths.get(outJson), messages(list).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ keys and buckets

    static void keys(long seed, int count, String outPath) throws Exception {
        Random r = new Random(seed);
        List<List<DataType>> cases = new ArrayList<>();
        for (DataType t : ATOMIC) {
            cases.add(Arrays.asList(t));
            cases.add(Arrays.asList(t.copy(false)));
        }
        cases.add(Arrays.asList(DataTypes.BIGINT(), DataTypes.STRING()));
        cases.add(Arrays.asList(DataTypes.INT(), DataTypes.DECIMAL(38, 2), DataTypes.TIMESTAMP(6)));
        cases.add(Arrays.asList(DataTypes.STRING(), DataTypes.DATE(), DataTypes.BYTES(), DataTypes.DOUBLE()));
        // Nested values: BinaryRow bytes only (nested types cannot be bucket keys).
        List<List<DataType>> nested = new ArrayList<>();
        nested.add(Arrays.asList(DataTypes.ARRAY(DataTypes.INT())));
        nested.add(Arrays.asList(DataTypes.ARRAY(DataTypes.STRING()), DataTypes.BIGINT()));
        nested.add(Arrays.asList(DataTypes.ARRAY(DataTypes.BOOLEAN()), DataTypes.ARRAY(DataTypes.SMALLINT())));
        nested.add(Arrays.asList(DataTypes.ARRAY(DataTypes.DECIMAL(25, 3)), DataTypes.ARRAY(DataTypes.TIMESTAMP(9))));
        nested.add(Arrays.asList(DataTypes.MAP(DataTypes.STRING(), DataTypes.BIGINT())));
        nested.add(Arrays.asList(DataTypes.MAP(DataTypes.INT(), DataTypes.ARRAY(DataTypes.DOUBLE()))));
        nested.add(Arrays.asList(DataTypes.ROW(DataTypes.FIELD(0, "a", DataTypes.INT()),
                DataTypes.FIELD(1, "b", DataTypes.STRING()), DataTypes.FIELD(2, "c", DataTypes.DECIMAL(30, 4)))));
        nested.add(Arrays.asList(DataTypes.ROW(DataTypes.FIELD(0, "x", DataTypes.ARRAY(DataTypes.ROW(
                DataTypes.FIELD(1, "y", DataTypes.FLOAT()), DataTypes.FIELD(2, "z", DataTypes.TIMESTAMP(3))))))));
        int[] bucketCounts = {1, 2, 3, 7, 10, 16, 100, 128, 1000, 4096, 65536, 2147483647};
        StringBuilder out = new StringBuilder();
        int caseNo = 0;
        for (List<DataType> types : cases) {
            int buckets = bucketCounts[caseNo++ % bucketCounts.length];
            List<DataField> fields = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                fields.add(new DataField(i, "k" + i, types.get(i)));
                names.add("k" + i);
            }
            fields.add(new DataField(types.size(), "v", DataTypes.INT()));
            Map<String, String> options = new HashMap<>();
            options.put("bucket", Integer.toString(buckets));
            options.put("bucket-key", String.join(",", names));
            TableSchema schema = new TableSchema(0, fields, types.size(), new ArrayList<>(), new ArrayList<>(), options, "");
            FixedBucketRowKeyExtractor extractor = new FixedBucketRowKeyExtractor(schema);
            RowType keyType = new RowType(fields.subList(0, types.size()));
            InternalRowSerializer keySer = new InternalRowSerializer(keyType);
            String schemaJson = typeJson(new RowType(fields));
            for (int n = 0; n < count; n++) {
                GenericRow full = new GenericRow(fields.size());
                GenericRow key = new GenericRow(types.size());
                List<String> vals = new ArrayList<>();
                for (int i = 0; i < types.size(); i++) {
                    Object v = randomValue(r, types.get(i), true);
                    full.setField(i, v);
                    key.setField(i, v);
                    vals.add(valueJson(v, types.get(i)));
                }
                full.setField(types.size(), r.nextInt());
                extractor.setRecord(full);
                int bucket = extractor.bucket();
                BinaryRow keyRow = keySer.toBinaryRow(key);
                byte[] all = SerializationUtils.serializeBinaryRow(keyRow);
                out.append("{\"schema\":").append(schemaJson).append(",\"buckets\":").append(buckets)
                        .append(",\"key\":[").append(String.join(",", vals)).append("]")
                        .append(",\"row\":\"").append(HEX.formatHex(all, 4, all.length)).append("\"")
                        .append(",\"hash\":").append(keyRow.hashCode())
                        .append(",\"bucket\":").append(bucket).append("}\n");
            }
        }
        for (List<DataType> types : nested) {
            List<DataField> fields = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                fields.add(new DataField(i, "k" + i, types.get(i)));
            }
            RowType rowType = new RowType(fields);
            InternalRowSerializer ser = new InternalRowSerializer(rowType);
            String schemaJson = typeJson(rowType);
            for (int n = 0; n < count / 10 + 1; n++) {
                GenericRow row = new GenericRow(types.size());
                List<String> vals = new ArrayList<>();
                for (int i = 0; i < types.size(); i++) {
                    Object v = randomValue(r, types.get(i), true);
                    row.setField(i, v);
                    vals.add(valueJson(v, types.get(i)));
                }
                BinaryRow b = ser.toBinaryRow(row);
                byte[] all = SerializationUtils.serializeBinaryRow(b);
                out.append("{\"schema\":").append(schemaJson).append(",\"key\":[")
                        .append(String.join(",", vals)).append("]")
                        .append(",\"row\":\"").append(HEX.formatHex(all, 4, all.length)).append("\"}\n");
            }
        }
        Files.write(Paths.get(outPath), out.toString().getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ metadata JSON

    static void jsonRoundTrip(String kind, String[] files) throws Exception {
        List<String> parts = new ArrayList<>();
        for (String file : files) {
            String text = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
            if (kind.equals("snapshot")) {
                parts.add(org.apache.paimon.Snapshot.fromJson(text).toJson());
            } else {
                parts.add(org.apache.paimon.utils.JsonSerdeUtil.toJson(TableSchema.fromJson(text)));
            }
        }
        new PrintStream(System.out, true, "UTF-8").println("[" + String.join(",\n", parts) + "]");
    }

    // ------------------------------------------------------------------ manifests

    static org.apache.paimon.table.FileStoreTable table(String dir) throws Exception {
        org.apache.paimon.fs.Path path = new org.apache.paimon.fs.Path(dir);
        org.apache.paimon.fs.local.LocalFileIO io = org.apache.paimon.fs.local.LocalFileIO.create();
        org.apache.paimon.schema.SchemaManager sm = new org.apache.paimon.schema.SchemaManager(io, path);
        if (!sm.latest().isPresent()) {
            sm.createTable(org.apache.paimon.schema.Schema.newBuilder()
                    .column("p1", DataTypes.STRING())
                    .column("p2", DataTypes.INT())
                    .column("v", DataTypes.BIGINT())
                    .partitionKeys("p1", "p2")
                    .option("bucket", "4")
                    .option("bucket-key", "v")
                    .build());
        }
        return org.apache.paimon.table.FileStoreTableFactory.create(io, path);
    }

    static final RowType PARTITION_TYPE = RowType.of(DataTypes.STRING(), DataTypes.INT());

    static String entry(org.apache.paimon.manifest.ManifestEntry e) {
        return "{\"kind\":" + e.kind().toByteValue() + ",\"partition\":" + row(e.partition())
                + ",\"bucket\":" + e.bucket() + ",\"totalBuckets\":" + e.totalBuckets()
                + ",\"file\":" + file(e.file()) + "}";
    }

    static String opt(Object o) {
        return o == null ? "null" : o.toString();
    }

    static String manifestMeta(org.apache.paimon.manifest.ManifestFileMeta m) {
        return "{\"fileName\":" + str(m.fileName()) + ",\"fileSize\":" + m.fileSize()
                + ",\"numAddedFiles\":" + m.numAddedFiles() + ",\"numDeletedFiles\":" + m.numDeletedFiles()
                + ",\"partitionStats\":" + stats(m.partitionStats()) + ",\"schemaId\":" + m.schemaId()
                + ",\"minBucket\":" + opt(m.minBucket()) + ",\"maxBucket\":" + opt(m.maxBucket())
                + ",\"minLevel\":" + opt(m.minLevel()) + ",\"maxLevel\":" + opt(m.maxLevel())
                + ",\"minRowId\":" + opt(m.minRowId()) + ",\"maxRowId\":" + opt(m.maxRowId()) + "}";
    }

    static void manifestWrite(String dir, long seed, int count, String outJson) throws Exception {
        org.apache.paimon.table.FileStoreTable t = table(dir);
        Random r = new Random(seed);
        List<org.apache.paimon.manifest.ManifestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BinaryRow part = randomRow(r, PARTITION_TYPE);
            DataFileMeta f = randomFile(r);
            entries.add(org.apache.paimon.manifest.ManifestEntry.create(
                    r.nextInt(4) == 0 ? org.apache.paimon.manifest.FileKind.DELETE : org.apache.paimon.manifest.FileKind.ADD,
                    part, r.nextInt(4), 4, f));
        }
        org.apache.paimon.manifest.ManifestFile mf = t.store().manifestFileFactory().create();
        List<org.apache.paimon.manifest.ManifestFileMeta> metas = mf.write(entries);
        org.apache.paimon.manifest.ManifestList ml = t.store().manifestListFactory().create();
        org.apache.paimon.utils.Pair<String, Long> list = ml.write(metas);
        // Java's view of the written entries (as its reader returns them).
        List<String> parts = new ArrayList<>();
        List<String> manifests = new ArrayList<>();
        for (org.apache.paimon.manifest.ManifestFileMeta m : metas) {
            manifests.add(str(m.fileName()));
            for (org.apache.paimon.manifest.ManifestEntry e : mf.read(m.fileName(), m.fileSize())) {
                parts.add(entry(e));
            }
        }
        List<String> metaJson = new ArrayList<>();
        for (org.apache.paimon.manifest.ManifestFileMeta m : metas) {
            metaJson.add(manifestMeta(m));
        }
        String json = "{\"manifests\":[" + String.join(",", manifests) + "],\"manifestList\":"
                + str(list.getLeft()) + ",\"entries\":[" + String.join(",\n", parts)
                + "],\"metas\":[" + String.join(",", metaJson) + "]}";
        Files.write(Paths.get(outJson), json.getBytes(StandardCharsets.UTF_8));
    }

    static void manifestRead(String dir, String name) throws Exception {
        org.apache.paimon.table.FileStoreTable t = table(dir);
        org.apache.paimon.manifest.ManifestFile mf = t.store().manifestFileFactory().create();
        List<String> parts = new ArrayList<>();
        for (org.apache.paimon.manifest.ManifestEntry e : mf.read(name, null)) {
            parts.add(entry(e));
        }
        new PrintStream(System.out, true, "UTF-8").println("[" + String.join(",\n", parts) + "]");
    }

    static void manifestListRead(String dir, String name) throws Exception {
        org.apache.paimon.table.FileStoreTable t = table(dir);
        org.apache.paimon.manifest.ManifestList ml = t.store().manifestListFactory().create();
        List<String> parts = new ArrayList<>();
        for (org.apache.paimon.manifest.ManifestFileMeta m : ml.read(name, null)) {
            parts.add(manifestMeta(m));
        }
        new PrintStream(System.out, true, "UTF-8").println("[" + String.join(",\n", parts) + "]");
    }

    // ------------------------------------------------------------------ benchmark

    static DataFileMeta benchFile(Random r, int i) {
        BinaryRow key = BinaryRow.singleColumn(r.nextInt(1000));
        SimpleStats stats = new SimpleStats(
                randomRow(r, RowType.of(DataTypes.INT(), DataTypes.STRING(), DataTypes.BIGINT())),
                randomRow(r, RowType.of(DataTypes.INT(), DataTypes.STRING(), DataTypes.BIGINT())),
                BinaryArray.fromLongArray(new Long[] {0L, 1L, 2L}));
        return DataFileMeta.create(
                "data-" + new java.util.UUID(r.nextLong(), r.nextLong()) + "-" + i + ".parquet",
                1 << 20, 10000, key, key, stats, stats, 0, 9999, 0, 0, new ArrayList<>(),
                Timestamp.fromEpochMillis(1_700_000_000_000L), 0L, null, FileSource.APPEND, null, null,
                null, null);
    }

    static void bench(int count, int files, int rounds, String outBin) throws Exception {
        Random r = new Random(42);
        List<CommitMessage> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<DataFileMeta> l = new ArrayList<>();
            for (int k = 0; k < files; k++) {
                l.add(benchFile(r, k));
            }
            list.add(new CommitMessageImpl(BinaryRow.singleColumn("2024-01-" + (i % 28 + 1)), i % 16, 16,
                    new DataIncrement(l, new ArrayList<>(), new ArrayList<>()), CompactIncrement.emptyIncrement()));
        }
        Files.write(Paths.get(outBin), serializeList(list));
        CommitMessageSerializer ser = new CommitMessageSerializer();
        int version = ser.getVersion();
        long[] times = new long[rounds];
        long[] cpu = new long[rounds];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] processCpu = new long[rounds];
        long sink = 0;
        for (int round = -3; round < rounds; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (CommitMessage m : list) {
                byte[] b = ser.serialize(m);
                CommitMessage back = ser.deserialize(version, b);
                sink += b.length + back.bucket();
            }
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            long p1 = os.getProcessCpuTime();
            if (round >= 0) {
                times[round] = t1 - t0;
                cpu[round] = c1 - c0;
                processCpu[round] = p1 - p0;
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        Arrays.sort(processCpu);
        System.out.println("{\"java_median_ns\":" + times[rounds / 2]
                + ",\"java_thread_cpu_median_ns\":" + cpu[rounds / 2]
                + ",\"java_process_cpu_median_ns\":" + processCpu[rounds / 2]
                + ",\"messages\":" + count
                + ",\"files_per_message\":" + files + ",\"sink\":" + sink + "}");
    }
}
