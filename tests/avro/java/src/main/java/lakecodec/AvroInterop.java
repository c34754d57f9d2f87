package lakecodec;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.apache.avro.io.JsonEncoder;

/**
 * The Java side of lakecodec's Avro interop tests. Commands mirror avro-tools (whose jar needs
 * Hadoop on the class path, so its DataFileReadTool/DataFileWriteTool logic is reproduced here):
 *
 * <pre>
 *   tojson FILE                       records as avro-tools tojson prints them
 *   tojson-pretty FILE                the same with --pretty
 *   fromjson SCHEMA.avsc IN OUT CODEC records in the JSON encoding to a container file
 *   rewrite IN OUT CODEC              read with DataFileReader, write again with CODEC
 * </pre>
 */
public final class AvroInterop {
  private AvroInterop() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) usage();
    switch (args[0]) {
      case "tojson":
        if (args.length != 2) usage();
        toJson(args[1], System.out, false);
        break;
      case "tojson-pretty":
        if (args.length != 2) usage();
        toJson(args[1], System.out, true);
        break;
      case "fromjson":
        if (args.length != 5) usage();
        fromJson(args[1], args[2], args[3], args[4]);
        break;
      case "rewrite":
        if (args.length != 4) usage();
        rewrite(args[1], args[2], args[3]);
        break;
      default:
        usage();
    }
  }

  private static void usage() {
    System.err.println("usage: tojson[-pretty] FILE | fromjson SCHEMA IN OUT CODEC | rewrite IN OUT CODEC");
    System.exit(2);
  }

  // Same steps as org.apache.avro.tool.DataFileReadTool without --head.
  static void toJson(String file, PrintStream out, boolean pretty) throws IOException {
    try (InputStream in = new BufferedInputStream(new FileInputStream(file));
        DataFileStream<Object> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      Schema schema = stream.getSchema();
      DatumWriter<Object> writer = new GenericDatumWriter<>(schema);
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out, pretty);
      while (stream.hasNext()) writer.write(stream.next(), encoder);
      encoder.flush();
      out.println();
      out.flush();
    }
  }

  // Same steps as org.apache.avro.tool.DataFileWriteTool.
  static void fromJson(String schemaFile, String in, String out, String codec) throws IOException {
    Schema schema = new Schema.Parser().parse(new File(schemaFile));
    DatumReader<Object> reader = new GenericDatumReader<>(schema);
    try (InputStream input = new FileInputStream(in);
        DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>())) {
      writer.setCodec(CodecFactory.fromString(codec));
      writer.create(schema, new File(out));
      JsonDecoder decoder = DecoderFactory.get().jsonDecoder(schema, input);
      while (true) {
        Object datum;
        try {
          datum = reader.read(null, decoder);
        } catch (java.io.EOFException e) {
          break;
        }
        writer.append(datum);
      }
    }
  }

  static void rewrite(String in, String out, String codec) throws IOException {
    try (DataFileReader<Object> reader = new DataFileReader<>(new File(in), new GenericDatumReader<>());
        DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>())) {
      for (String key : reader.getMetaKeys()) {
        if (!key.startsWith("avro.")) writer.setMeta(key, reader.getMeta(key));
      }
      writer.setCodec(CodecFactory.fromString(codec));
      writer.create(reader.getSchema(), new File(out));
      for (Object datum : reader) writer.append(datum);
    }
  }
}
