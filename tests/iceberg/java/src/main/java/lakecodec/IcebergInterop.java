package lakecodec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.LakecodecWorkerManifests;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Java Iceberg (HadoopTables, IcebergGenerics) as the oracle of tests/iceberg/test_java_interop.py.
 *
 * <pre>
 *   read TABLE                       every record of the current snapshot, one JSON object a line
 *   append TABLE FILE.jsonl          the rows (lakecodec's JSON-lines input form) as one append
 *   append-manifests TABLE MAN...    worker manifests committed by AppendFiles.appendManifest
 *   serve                            the commands above, one JSON array a line on stdin
 * </pre>
 *
 * Values print as: numbers, booleans, decimals as plain strings, date/time/timestamp as ISO text
 * with six fraction digits (timestamptz in UTC with "+00:00"), binary and fixed as lowercase hex,
 * uuid as text, structs as objects, lists as arrays, maps as arrays of [key, value].
 */
public final class IcebergInterop {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private IcebergInterop() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("serve")) {
      serve();
      return;
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try {
      run(args, out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
    out.flush();
  }

  /**
   * One JVM for many commands (a JVM start costs seconds): each stdin line is a JSON array of
   * arguments; each answer one JSON line {"ok": true, "out": TEXT} or {"ok": false, "error": TEXT}.
   */
  static void serve() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String line;
    while ((line = in.readLine()) != null) {
      JsonNode req = MAPPER.readTree(line);
      List<String> args = new ArrayList<>();
      for (JsonNode a : req) args.add(a.textValue());
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      Map<String, Object> answer = new LinkedHashMap<>();
      try (PrintStream out = new PrintStream(buf, false, StandardCharsets.UTF_8)) {
        run(args.toArray(new String[0]), out);
        out.flush();
        answer.put("ok", true);
        answer.put("out", buf.toString(StandardCharsets.UTF_8));
      } catch (Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        answer.put("ok", false);
        answer.put("error", trace.toString());
      }
      answers.println(MAPPER.writeValueAsString(answer));
    }
  }

  static void run(String[] args, PrintStream out) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: IcebergInterop read|append|append-manifests TABLE ...");
    }
    Table table = new HadoopTables(new Configuration()).load(args[1]);
    switch (args[0]) {
      case "read":
        read(table, out);
        break;
      case "append":
        append(table, args[2]);
        out.println(table.currentSnapshot().snapshotId());
        break;
      case "append-manifests":
        AppendFiles op = table.newAppend();
        for (int i = 2; i < args.length; i++) {
          op.appendManifest(LakecodecWorkerManifests.describe(table, args[i]));
        }
        op.commit();
        out.println(table.currentSnapshot().snapshotId());
        break;
      default:
        throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  // -- read -----------------------------------------------------------------------------------

  static void read(Table table, PrintStream stream) throws IOException {
    Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
    JsonFactory f = MAPPER.getFactory();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record r : rows) {
        JsonGenerator g = f.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        writeStruct(g, table.schema().asStruct(), r);
        g.flush();
        out.write('\n');
      }
    }
    out.flush();
  }

  static void writeStruct(JsonGenerator g, Types.StructType type, StructLike r) throws IOException {
    g.writeStartObject();
    List<Types.NestedField> fields = type.fields();
    for (int i = 0; i < fields.size(); i++) {
      g.writeFieldName(fields.get(i).name());
      write(g, fields.get(i).type(), r.get(i, Object.class));
    }
    g.writeEndObject();
  }

  static void write(JsonGenerator g, Type type, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
      return;
    }
    switch (type.typeId()) {
      case BOOLEAN: g.writeBoolean((Boolean) v); break;
      case INTEGER: g.writeNumber((Integer) v); break;
      case LONG: g.writeNumber((Long) v); break;
      case FLOAT: g.writeNumber((double) (Float) v); break;
      case DOUBLE: g.writeNumber((Double) v); break;
      case DECIMAL: g.writeString(((BigDecimal) v).toPlainString()); break;
      case DATE: g.writeString(v.toString()); break;
      case TIME: g.writeString(((LocalTime) v).format(TIME)); break;
      case TIMESTAMP:
        if (v instanceof OffsetDateTime) {
          g.writeString(((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).format(TS) + "+00:00");
        } else {
          g.writeString(((LocalDateTime) v).format(TS));
        }
        break;
      case STRING: g.writeString(v.toString()); break;
      case UUID: g.writeString(v.toString()); break;
      case FIXED: g.writeString(hex(ByteBuffer.wrap((byte[]) v))); break;
      case BINARY: g.writeString(hex((ByteBuffer) v)); break;
      case STRUCT: writeStruct(g, type.asStructType(), (StructLike) v); break;
      case LIST:
        g.writeStartArray();
        for (Object e : (List<?>) v) write(g, type.asListType().elementType(), e);
        g.writeEndArray();
        break;
      case MAP:
        g.writeStartArray();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          g.writeStartArray();
          write(g, type.asMapType().keyType(), e.getKey());
          write(g, type.asMapType().valueType(), e.getValue());
          g.writeEndArray();
        }
        g.writeEndArray();
        break;
      default:
        throw new IllegalArgumentException("no JSON form for " + type);
    }
  }

  static String hex(ByteBuffer b) {
    StringBuilder s = new StringBuilder();
    ByteBuffer d = b.duplicate();
    while (d.hasRemaining()) s.append(String.format("%02x", d.get() & 0xff));
    return s.toString();
  }

  // -- append ---------------------------------------------------------------------------------

  /** One append: rows grouped by PartitionKey, one data file per partition in the default format. */
  static void append(Table table, String jsonl) throws IOException {
    Schema schema = table.schema();
    PartitionSpec spec = table.spec();
    FileFormat format = FileFormat.fromString(table.properties()
        .getOrDefault(TableProperties.DEFAULT_FILE_FORMAT, TableProperties.DEFAULT_FILE_FORMAT_DEFAULT));
    Map<PartitionKey, List<Record>> groups = new LinkedHashMap<>();
    PartitionKey key = new PartitionKey(spec, schema);
    InternalRecordWrapper wrapper = new InternalRecordWrapper(schema.asStruct());
    try (BufferedReader in = Files.newBufferedReader(Paths.get(jsonl), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) continue;
        Record r = toStruct(schema.asStruct(), MAPPER.readTree(line));
        key.partition(wrapper.wrap(r));
        groups.computeIfAbsent(key.copy(), k -> new ArrayList<>()).add(r);
      }
    }
    GenericAppenderFactory appenders = new GenericAppenderFactory(schema, spec);
    OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.nanoTime())
        .format(format).build();
    AppendFiles op = table.newAppend();
    for (Map.Entry<PartitionKey, List<Record>> e : groups.entrySet()) {
      DataWriter<Record> w = appenders.newDataWriter(
          spec.isUnpartitioned() ? files.newOutputFile() : files.newOutputFile(spec, e.getKey()),
          format, spec.isUnpartitioned() ? null : e.getKey());
      try {
        for (Record r : e.getValue()) w.write(r);
      } finally {
        w.close();
      }
      DataFile df = w.toDataFile();
      op.appendFile(df);
    }
    op.commit();
  }

  static Record toStruct(Types.StructType type, JsonNode node) {
    GenericRecord r = GenericRecord.create(type);
    Map<String, Boolean> known = new HashMap<>();
    for (Types.NestedField f : type.fields()) {
      known.put(f.name(), true);
      JsonNode v = node.get(f.name());
      r.setField(f.name(), v == null || v.isNull() ? null : value(f.type(), v));
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.containsKey(name)) throw new IllegalArgumentException("unknown field " + name);
    }
    return r;
  }

  static Object value(Type type, JsonNode v) {
    switch (type.typeId()) {
      case BOOLEAN: return v.booleanValue();
      case INTEGER: return v.intValue();
      case LONG: return v.longValue();
      case FLOAT: return (float) v.doubleValue();
      case DOUBLE: return v.doubleValue();
      case DECIMAL: return new BigDecimal(v.textValue());
      case DATE: return LocalDate.parse(v.textValue());
      case TIME: return LocalTime.parse(v.textValue());
      case TIMESTAMP:
        return ((Types.TimestampType) type).shouldAdjustToUTC()
            ? OffsetDateTime.parse(v.textValue())
            : LocalDateTime.parse(v.textValue());
      case STRING: return v.textValue();
      case UUID: return UUID.fromString(v.textValue());
      case FIXED: return unhex(v.textValue());
      case BINARY: return ByteBuffer.wrap(unhex(v.textValue()));
      case STRUCT: return toStruct(type.asStructType(), v);
      case LIST: {
        List<Object> out = new ArrayList<>();
        for (JsonNode e : v) out.add(e.isNull() ? null : value(type.asListType().elementType(), e));
        return out;
      }
      case MAP: {
        Map<Object, Object> out = new LinkedHashMap<>();
        JsonNode keys = v.get("keys");
        JsonNode values = v.get("values");
        for (int i = 0; i < keys.size(); i++) {
          JsonNode val = values.get(i);
          out.put(value(type.asMapType().keyType(), keys.get(i)),
              val.isNull() ? null : value(type.asMapType().valueType(), val));
        }
        return out;
      }
      default:
        throw new IllegalArgumentException("no JSON input form for " + type);
    }
  }

  static byte[] unhex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
