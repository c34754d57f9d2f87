package lakecodec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file with parquet-java and prints one JSON object per record: group fields by
 * name (absent when null), repeated fields as arrays, INT32/INT64 as numbers, FLOAT/DOUBLE as
 * numbers or "NaN"/"Infinity"/"-Infinity", strings as strings, other binaries as lowercase hex.
 * INT96 values as the lowercase hex of their 12 bytes. The first line is the footer summary:
 * {"rows": N, "created_by": ..., "field_ids": {...}}.
 *
 * <p>With {@code --size-stats FILE} it prints instead one JSON object per column chunk with the
 * SizeStatistics parquet-java decoded from the footer and the level histograms and unencoded
 * byte counts of the page index (null where absent).
 */
public final class ParquetDump {
  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    if (args[0].equals("--size-stats")) {
      sizeStats(new Path(args[1]), conf, out);
      out.flush();
      return;
    }
    Path path = new Path(args[0]);
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      ParquetMetadata md = r.getFooter();
      StringBuilder ids = new StringBuilder();
      collectIds(md.getFileMetaData().getSchema(), "", ids);
      out.println("{\"rows\": " + r.getRecordCount() + ", \"created_by\": " + quote(md.getFileMetaData().getCreatedBy())
          + ", \"field_ids\": {" + ids + "}}");
    }
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
      Group g;
      while ((g = reader.read()) != null) {
        StringBuilder sb = new StringBuilder();
        group(g, sb);
        out.println(sb);
      }
    }
    out.flush();
  }

  static void sizeStats(Path path, Configuration conf, PrintStream out) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      int g = 0;
      for (BlockMetaData b : r.getFooter().getBlocks()) {
        for (ColumnChunkMetaData c : b.getColumns()) {
          StringBuilder sb = new StringBuilder("{\"rg\": " + g + ", \"path\": " + quote(c.getPath().toDotString()));
          SizeStatistics ss = c.getSizeStatistics();
          if (ss != null && ss.isValid()) {
            sb.append(", \"unencoded\": ").append(ss.getUnencodedByteArrayDataBytes().map(String::valueOf).orElse("null"));
            sb.append(", \"rep\": ").append(longs(ss.getRepetitionLevelHistogram()));
            sb.append(", \"def\": ").append(longs(ss.getDefinitionLevelHistogram()));
          } else {
            sb.append(", \"size_statistics\": null");
          }
          ColumnIndex ci = r.readColumnIndex(c);
          if (ci != null) {
            sb.append(", \"ci_rep\": ").append(longs(ci.getRepetitionLevelHistogram()));
            sb.append(", \"ci_def\": ").append(longs(ci.getDefinitionLevelHistogram()));
          }
          OffsetIndex oi = r.readOffsetIndex(c);
          if (oi != null) {
            StringBuilder u = new StringBuilder("[");
            for (int p = 0; p < oi.getPageCount(); p++) {
              if (p > 0) u.append(", ");
              u.append(oi.getUnencodedByteArrayDataBytes(p).map(String::valueOf).orElse("null"));
            }
            sb.append(", \"oi_unencoded\": ").append(u).append(']');
          }
          out.println(sb.append('}'));
        }
        g++;
      }
    }
  }

  static String longs(java.util.List<Long> v) {
    if (v == null) return "null";
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < v.size(); k++) sb.append(k > 0 ? ", " : "").append(v.get(k));
    return sb.append(']').toString();
  }

  static void collectIds(GroupType t, String prefix, StringBuilder sb) {
    for (Type f : t.getFields()) {
      String p = prefix.isEmpty() ? f.getName() : prefix + "." + f.getName();
      if (f.getId() != null) {
        if (sb.length() > 0) sb.append(", ");
        sb.append(quote(p)).append(": ").append(f.getId().intValue());
      }
      if (!f.isPrimitive()) collectIds(f.asGroupType(), p, sb);
    }
  }

  static void group(Group g, StringBuilder sb) {
    GroupType t = g.getType();
    sb.append('{');
    boolean first = true;
    for (int i = 0; i < t.getFieldCount(); i++) {
      int n = g.getFieldRepetitionCount(i);
      Type f = t.getType(i);
      if (n == 0 && !f.isRepetition(Type.Repetition.REPEATED)) continue;
      if (!first) sb.append(", ");
      first = false;
      sb.append(quote(f.getName())).append(": ");
      if (f.isRepetition(Type.Repetition.REPEATED)) {
        sb.append('[');
        for (int j = 0; j < n; j++) {
          if (j > 0) sb.append(", ");
          value(g, i, j, f, sb);
        }
        sb.append(']');
      } else {
        value(g, i, 0, f, sb);
      }
    }
    sb.append('}');
  }

  static void value(Group g, int i, int j, Type f, StringBuilder sb) {
    if (!f.isPrimitive()) {
      group(g.getGroup(i, j), sb);
      return;
    }
    PrimitiveType p = f.asPrimitiveType();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN: sb.append(g.getBoolean(i, j)); break;
      case INT32: sb.append(g.getInteger(i, j)); break;
      case INT64: sb.append(g.getLong(i, j)); break;
      case FLOAT: dbl(g.getFloat(i, j), sb); break;
      case DOUBLE: dbl(g.getDouble(i, j), sb); break;
      case INT96: {
        StringBuilder h = new StringBuilder();
        for (byte x : g.getInt96(i, j).getBytes()) h.append(String.format("%02x", x & 0xff));
        sb.append('"').append(h).append('"');
        break;
      }
      default: {
        Binary b = g.getBinary(i, j);
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
          sb.append(quote(b.toStringUsingUTF8()));
        } else {
          StringBuilder h = new StringBuilder();
          for (byte x : b.getBytes()) h.append(String.format("%02x", x & 0xff));
          sb.append('"').append(h).append('"');
        }
      }
    }
  }

  static void dbl(double d, StringBuilder sb) {
    if (Double.isNaN(d)) sb.append("\"NaN\"");
    else if (Double.isInfinite(d)) sb.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    else sb.append(d);
  }

  static String quote(String s) {
    if (s == null) return "null";
    StringBuilder sb = new StringBuilder("\"");
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }
}
