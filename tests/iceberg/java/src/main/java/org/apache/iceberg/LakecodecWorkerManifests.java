package org.apache.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.io.InputFile;

/**
 * The committer's side of a worker manifest that arrives as a path only: the ManifestFile
 * Java's ManifestWriter.toManifestFile() would have described it with (length, spec id from the
 * file's "partition-spec-id" metadata, entry counts by status, Java's own PartitionSummary, and
 * the unassigned snapshot id and sequence numbers). Lives in org.apache.iceberg because
 * ManifestEntry, PartitionSummary and the GenericManifestFile constructors are package-private;
 * test harness only.
 */
public final class LakecodecWorkerManifests {
  private LakecodecWorkerManifests() {}

  public static ManifestFile describe(Table table, String path) {
    InputFile in = table.io().newInputFile(path);
    int specId;
    try (DataFileStream<GenericRecord> avro =
        new DataFileStream<>(in.newStream(), new GenericDatumReader<>())) {
      String id = avro.getMetaString("partition-spec-id");
      if (id == null) throw new IllegalArgumentException(path + ": no partition-spec-id metadata");
      specId = Integer.parseInt(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PartitionSpec spec = table.specs().get(specId);
    if (spec == null) throw new IllegalArgumentException(path + ": unknown spec " + specId);
    // A reader needs an assigned snapshot id to inherit; 0 is only for counting entries.
    GenericManifestFile probe = new GenericManifestFile(in, specId, 0L);
    PartitionSummary summary = new PartitionSummary(spec);
    int added = 0, existing = 0, deleted = 0;
    long addedRows = 0, existingRows = 0, deletedRows = 0;
    try (ManifestReader<DataFile> reader = ManifestFiles.read(probe, table.io(), table.specs())) {
      for (ManifestEntry<DataFile> e : reader.entries()) {
        long rows = e.file().recordCount();
        switch (e.status()) {
          case ADDED: added++; addedRows += rows; break;
          case EXISTING: existing++; existingRows += rows; break;
          default: deleted++; deletedRows += rows; break;
        }
        summary.update(e.file().partition());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new GenericManifestFile(path, in.getLength(), specId, ManifestContent.DATA,
        ManifestWriter.UNASSIGNED_SEQ, ManifestWriter.UNASSIGNED_SEQ, null, summary.summaries(),
        null, added, addedRows, existing, existingRows, deleted, deletedRows, null);
  }
}
