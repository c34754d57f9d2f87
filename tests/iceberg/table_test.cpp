// Iceberg tables: creating, writing partitioned data files, fast appends through the
// file-system catalog, conflicts and retries.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/iceberg.hpp"
#include "lakecodec/iceberg/file_catalog.hpp"
#include "lakecodec/iceberg/snapshot_producer.hpp"
#include "lakecodec/iceberg/table_operations.hpp"
#include "lakecodec/iceberg/table_writer.hpp"
#include "lakecodec/parquet.hpp"

namespace lc = lakecodec;
namespace ib = lakecodec::iceberg;
namespace fs = std::filesystem;

namespace {

class scratch_dir {
 public:
  scratch_dir() {
    path_ = (fs::temp_directory_path() / ("lakecodec-table-" + lc::random_uuid())).string();
    fs::create_directories(path_);
  }
  ~scratch_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

ib::schema test_schema() {
  auto s = ib::parse_schema(R"({"type":"struct","schema-id":0,"fields":[
    {"id":1,"name":"id","required":true,"type":"long"},
    {"id":2,"name":"region","required":false,"type":"string"},
    {"id":3,"name":"day","required":true,"type":"date"}]})");
  EXPECT_TRUE(s.has_value()) << s.error().message();
  return *s;
}

ib::partition_spec region_spec() {
  ib::partition_spec spec;
  ib::partition_field f;
  f.source_id = 2;
  f.name = "region";
  f.transform = *ib::parse_transform("identity");
  spec.fields.push_back(f);
  return spec;
}

ib::data_file_factory parquet_factory(const ib::table_metadata& m) {
  auto f = ib::default_data_file_factory(m);
  EXPECT_TRUE(f.has_value()) << f.error().message();
  return *f;
}

lc::owned_batch rows(const lc::schema& s, const std::vector<int64_t>& ids,
                     const std::vector<const char*>& regions) {
  lc::batch_builder b(s);
  for (size_t i = 0; i < ids.size(); ++i) {
    b.column("id")->append_int(ids[i]);
    if (regions[i])
      b.column("region")->append_bytes(regions[i]);
    else
      b.column("region")->append_null();
    b.column("day")->append_int(19000 + static_cast<int64_t>(i));
  }
  auto r = b.finish();
  EXPECT_TRUE(r.has_value()) << r.error().message();
  return std::move(r).value();
}

lc::result<ib::loaded_table> create(ib::file_catalog& cat, const std::string& dir, int version,
                                    ib::partition_spec spec = region_spec()) {
  ib::table_definition d;
  d.location = dir;
  d.schema = test_schema();
  d.spec = std::move(spec);
  d.format_version = version;
  LAKECODEC_ASSIGN_OR_RETURN(ib::table_metadata m, ib::new_table_metadata(d));
  return cat.create(dir, m);
}

lc::result<ib::loaded_table> write_and_append(ib::file_catalog& cat, const std::string& dir,
                                              const std::vector<int64_t>& ids,
                                              const std::vector<const char*>& regions) {
  LAKECODEC_ASSIGN_OR_RETURN(ib::loaded_table t, cat.load(dir));
  LAKECODEC_ASSIGN_OR_RETURN(auto w,
                             ib::table_writer::open(t.metadata, parquet_factory(t.metadata)));
  lc::owned_batch b = rows(w->batch_schema(), ids, regions);
  LAKECODEC_TRY(w->write(b.view()));
  LAKECODEC_ASSIGN_OR_RETURN(std::vector<ib::data_file> files, w->close());
  ib::fast_append op;
  for (auto& f : files) op.add_file(std::move(f));
  return op.commit(cat, dir);
}

std::string summary(const ib::snapshot& s, const std::string& key) {
  for (const auto& kv : s.summary)
    if (kv.first == key) return kv.second;
  return "<absent>";
}

std::vector<ib::manifest_entry> live_entries(const ib::table_metadata& m) {
  std::vector<ib::manifest_entry> out;
  auto list = ib::snapshot_manifests(m.current_snapshot());
  EXPECT_TRUE(list.has_value()) << list.error().message();
  for (const ib::manifest_file& mf : *list) {
    auto bytes = lc::read_file(ib::local_path(mf.manifest_path));
    EXPECT_TRUE(bytes.has_value());
    auto man = ib::read_manifest(lc::byte_span(bytes->data(), bytes->size()));
    EXPECT_TRUE(man.has_value()) << man.error().message();
    for (auto& e : man->entries) out.push_back(e);
  }
  return out;
}

}  // namespace

TEST(IcebergTableTest, CreatePublishesV1AndABareVersionHint) {
  scratch_dir d;
  ib::file_catalog cat;
  auto t = create(cat, d.path(), 2);
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ(t->metadata_location, "file://" + d.path() + "/metadata/v1.metadata.json");
  auto hint = lc::read_file(d.path() + "/metadata/version-hint.text");
  ASSERT_TRUE(hint.has_value());
  EXPECT_EQ(std::string(hint->data(), hint->data() + hint->size()), "1");
  EXPECT_EQ(t->metadata.location, "file://" + d.path());
  EXPECT_EQ(t->metadata.last_partition_id, 1000);
  EXPECT_EQ(t->metadata.last_column_id, 3);
  auto again = create(cat, d.path(), 2);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), lc::errc::already_exists);
}

TEST(IcebergTableTest, AppendWritesOneFilePerPartitionAndJavasSummary) {
  for (int version : {1, 2, 3}) {
    SCOPED_TRACE(version);
    scratch_dir d;
    ib::file_catalog cat;
    ASSERT_TRUE(create(cat, d.path(), version).has_value());
    auto t = write_and_append(cat, d.path(), {1, 2, 3, 4}, {"eu", "us", "eu", nullptr});
    ASSERT_TRUE(t.has_value()) << t.error().message();
    const ib::snapshot* s = t->metadata.current_snapshot();
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->operation(), "append");
    EXPECT_EQ(summary(*s, "added-data-files"), "3");
    EXPECT_EQ(summary(*s, "added-records"), "4");
    EXPECT_EQ(summary(*s, "changed-partition-count"), "3");
    EXPECT_EQ(summary(*s, "total-records"), "4");
    EXPECT_EQ(summary(*s, "total-data-files"), "3");
    EXPECT_EQ(s->sequence_number.value_or(0), version >= 2 ? 1 : 0);
    if (version == 3) {
      EXPECT_EQ(s->first_row_id, 0);
      EXPECT_EQ(s->added_rows, 4);
      EXPECT_EQ(t->metadata.next_row_id, 4);
    }
    auto entries = live_entries(t->metadata);
    ASSERT_EQ(entries.size(), 3u);
    std::map<std::string, int64_t> by_region;
    for (const auto& e : entries) {
      EXPECT_EQ(e.status, ib::entry_status::added);
      EXPECT_EQ(e.snapshot_id, s->snapshot_id);
      ASSERT_EQ(e.data_file.partition.size(), 1u);
      const ib::literal& p = e.data_file.partition[0];
      by_region[p.is_null ? "null" : p.bytes] = e.data_file.record_count;
      EXPECT_TRUE(fs::exists(ib::local_path(e.data_file.file_path)));
      EXPECT_NE(e.data_file.file_path.find(p.is_null ? "/data/region=null/"
                                                     : "/data/region=" + p.bytes + "/"),
                std::string::npos)
          << e.data_file.file_path;
    }
    EXPECT_EQ(by_region, (std::map<std::string, int64_t>{{"eu", 2}, {"us", 1}, {"null", 1}}));

    auto t2 = write_and_append(cat, d.path(), {5}, {"us"});
    ASSERT_TRUE(t2.has_value()) << t2.error().message();
    const ib::snapshot* s2 = t2->metadata.current_snapshot();
    EXPECT_EQ(s2->parent_snapshot_id, s->snapshot_id);
    EXPECT_EQ(summary(*s2, "total-records"), "5");
    EXPECT_EQ(summary(*s2, "total-data-files"), "4");
    EXPECT_EQ(t2->metadata_location, "file://" + d.path() + "/metadata/v3.metadata.json");
    ASSERT_EQ(t2->metadata.metadata_log.size(), 2u);
    EXPECT_EQ(t2->metadata.metadata_log[1].metadata_file, t->metadata_location);
    EXPECT_EQ(live_entries(t2->metadata).size(), 4u);
    if (version == 3) {
      EXPECT_EQ(t2->metadata.next_row_id, 5);
    }
    auto reloaded = cat.load(d.path());
    ASSERT_TRUE(reloaded.has_value());
    EXPECT_EQ(reloaded->metadata, t2->metadata);
  }
}

TEST(IcebergTableTest, ALostRaceIsAConflictAndTheAppendIsReapplied) {
  scratch_dir d;
  ib::file_catalog cat;
  ASSERT_TRUE(create(cat, d.path(), 2).has_value());
  auto base = cat.load(d.path());
  ASSERT_TRUE(base.has_value());
  // Another writer commits v2 first.
  ASSERT_TRUE(write_and_append(cat, d.path(), {1}, {"eu"}).has_value());
  ib::table_metadata next = base->metadata;
  next.last_updated_ms += 1;
  auto lost = cat.commit(*base, next);
  ASSERT_FALSE(lost.has_value());
  EXPECT_EQ(lost.error().code(), lc::errc::conflict);
  // A stale hint does not hide the newer version.
  ASSERT_TRUE(write_and_append(cat, d.path(), {2}, {"us"}).has_value());
  fs::remove(d.path() + "/metadata/version-hint.text");
  auto t = cat.load(d.path());
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->metadata_location, "file://" + d.path() + "/metadata/v3.metadata.json");
  EXPECT_EQ(summary(*t->metadata.current_snapshot(), "total-records"), "2");
}

TEST(IcebergTableTest, BatchesThatDoNotMatchTheSchemaAreRefusedNamingTheColumn) {
  scratch_dir d;
  ib::file_catalog cat;
  auto t = create(cat, d.path(), 2);
  ASSERT_TRUE(t.has_value());
  auto w = ib::table_writer::open(t->metadata, parquet_factory(t->metadata));
  ASSERT_TRUE(w.has_value()) << w.error().message();
  lc::schema wrong = (*w)->batch_schema();
  wrong.fields[1].name = "regoin";
  lc::batch_builder b(wrong);
  b.column("id")->append_int(1);
  b.column("regoin")->append_bytes("eu");
  b.column("day")->append_int(1);
  auto batch = b.finish();
  ASSERT_TRUE(batch.has_value());
  lc::status st = (*w)->write(batch->view());
  EXPECT_EQ(st.code(), lc::errc::schema_mismatch);
  EXPECT_NE(st.message().find("regoin"), std::string::npos) << st.message();

  lc::schema nullable = (*w)->batch_schema();
  nullable.fields[0].nullable = true;  // a null in the required column "id"
  lc::batch_builder nb(nullable);
  nb.column("id")->append_int(1);
  nb.column("id")->append_null();
  for (int i = 0; i < 2; ++i) {
    nb.column("region")->append_bytes("eu");
    nb.column("day")->append_int(1);
  }
  auto nbatch = nb.finish();
  ASSERT_TRUE(nbatch.has_value());
  st = (*w)->write(nbatch->view());
  EXPECT_EQ(st.code(), lc::errc::schema_mismatch);
  EXPECT_NE(st.message().find("'id'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("row 1"), std::string::npos) << st.message();
  auto files = (*w)->close();
  ASSERT_TRUE(files.has_value());
  EXPECT_TRUE(files->empty());
  EXPECT_FALSE(fs::exists(d.path() + "/data"));
}

TEST(IcebergTableTest, FilesRollBySizeAndMemoryStaysUnderTheCap) {
  scratch_dir d;
  ib::file_catalog cat;
  auto t = create(cat, d.path(), 2, ib::partition_spec{});
  ASSERT_TRUE(t.has_value());
  ib::table_writer_options o;
  o.target_file_size = 2000;
  auto w = ib::table_writer::open(t->metadata, parquet_factory(t->metadata), o);
  ASSERT_TRUE(w.has_value());
  for (int round = 0; round < 20; ++round) {
    std::vector<int64_t> ids;
    std::vector<const char*> regions;
    for (int i = 0; i < 100; ++i) {
      ids.push_back(round * 100 + i);
      regions.push_back("somewhere");
    }
    lc::owned_batch b = rows((*w)->batch_schema(), ids, regions);
    ASSERT_TRUE((*w)->write(b.view()).ok());
  }
  auto files = (*w)->close();
  ASSERT_TRUE(files.has_value());
  EXPECT_GT(files->size(), 1u);
  int64_t total = 0;
  for (const auto& f : *files) total += f.record_count;
  EXPECT_EQ(total, 2000);
}

TEST(IcebergTableTest, AbortRemovesEveryFileWritten) {
  scratch_dir d;
  ib::file_catalog cat;
  auto t = create(cat, d.path(), 2);
  ASSERT_TRUE(t.has_value());
  {
    auto w = ib::table_writer::open(t->metadata, parquet_factory(t->metadata));
    ASSERT_TRUE(w.has_value());
    lc::owned_batch b = rows((*w)->batch_schema(), {1, 2}, {"a", "b"});
    ASSERT_TRUE((*w)->write(b.view()).ok());
    (*w)->abort();
  }
  size_t files = 0;
  for (auto it = fs::recursive_directory_iterator(d.path() + "/data");
       it != fs::recursive_directory_iterator(); ++it)
    files += it->is_regular_file();
  EXPECT_EQ(files, 0u);
}

namespace {

lc::result<std::vector<ib::data_file>> write_files(ib::file_catalog& cat, const std::string& dir,
                                                   const std::vector<int64_t>& ids,
                                                   const std::vector<const char*>& regions) {
  LAKECODEC_ASSIGN_OR_RETURN(ib::loaded_table t, cat.load(dir));
  LAKECODEC_ASSIGN_OR_RETURN(auto w,
                             ib::table_writer::open(t.metadata, parquet_factory(t.metadata)));
  lc::owned_batch b = rows(w->batch_schema(), ids, regions);
  LAKECODEC_TRY(w->write(b.view()));
  return w->close();
}

std::map<std::string, int64_t> live_rows_by_region(const ib::table_metadata& m) {
  std::map<std::string, int64_t> out;
  for (const auto& e : live_entries(m)) {
    if (e.status == ib::entry_status::deleted) continue;
    const ib::literal& p = e.data_file.partition[0];
    out[p.is_null ? "null" : p.bytes] += e.data_file.record_count;
  }
  return out;
}

}  // namespace

TEST(IcebergTableTest, ReplacePartitionsSwapsOnlyTheTouchedPartitions) {
  for (int version : {1, 2, 3}) {
    SCOPED_TRACE(version);
    scratch_dir d;
    ib::file_catalog cat;
    ASSERT_TRUE(create(cat, d.path(), version).has_value());
    ASSERT_TRUE(write_and_append(cat, d.path(), {1, 2, 3}, {"eu", "us", "eu"}).has_value());
    auto files = write_files(cat, d.path(), {10, 11, 12, 13}, {"eu", "eu", "eu", "apac"});
    ASSERT_TRUE(files.has_value());
    ib::overwrite_files op(ib::overwrite_files::mode::replace_partitions);
    for (auto& f : *files) op.add_file(f);
    auto t = op.commit(cat, d.path());
    ASSERT_TRUE(t.has_value()) << t.error().message();
    const ib::snapshot* s = t->metadata.current_snapshot();
    EXPECT_EQ(s->operation(), "overwrite");
    EXPECT_EQ(summary(*s, "replace-partitions"), "true");
    EXPECT_EQ(summary(*s, "deleted-data-files"), "1");
    EXPECT_EQ(summary(*s, "deleted-records"), "2");
    EXPECT_EQ(summary(*s, "added-records"), "4");
    EXPECT_EQ(summary(*s, "total-records"), "5");
    EXPECT_EQ(live_rows_by_region(t->metadata),
              (std::map<std::string, int64_t>{{"eu", 3}, {"us", 1}, {"apac", 1}}));
    size_t deleted = 0, existing = 0;
    for (const auto& e : live_entries(t->metadata)) {
      if (e.status == ib::entry_status::deleted) {
        ++deleted;
        EXPECT_EQ(e.snapshot_id, s->snapshot_id);
      }
      if (e.status == ib::entry_status::existing) {
        ++existing;
        EXPECT_NE(e.snapshot_id, s->snapshot_id);
        if (version >= 2) {
          EXPECT_EQ(e.sequence_number, 1);
        }
        if (version == 3) {
          EXPECT_TRUE(e.data_file.first_row_id.has_value());
        }
      }
    }
    EXPECT_EQ(deleted, 1u);
    EXPECT_EQ(existing, 1u);
  }
}

TEST(IcebergTableTest, OverwriteAndDeleteByPartition) {
  scratch_dir d;
  ib::file_catalog cat;
  ASSERT_TRUE(create(cat, d.path(), 2).has_value());
  ASSERT_TRUE(write_and_append(cat, d.path(), {1, 2, 3}, {"eu", "us", "apac"}).has_value());
  ib::overwrite_files del(ib::overwrite_files::mode::delete_files);
  del.remove_where([](int32_t, const ib::data_file& f) {
    return !f.partition[0].is_null && f.partition[0].bytes == "us";
  });
  auto t = del.commit(cat, d.path());
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ(t->metadata.current_snapshot()->operation(), "delete");
  EXPECT_EQ(live_rows_by_region(t->metadata),
            (std::map<std::string, int64_t>{{"eu", 1}, {"apac", 1}}));
  ib::overwrite_files again(ib::overwrite_files::mode::delete_files);
  again.remove_where([](int32_t, const ib::data_file& f) {
    return !f.partition[0].is_null && f.partition[0].bytes == "us";
  });
  auto none = again.commit(cat, d.path());
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code(), lc::errc::not_found);

  auto files = write_files(cat, d.path(), {7}, {"mars"});
  ASSERT_TRUE(files.has_value());
  ib::overwrite_files all(ib::overwrite_files::mode::overwrite);
  for (auto& f : *files) all.add_file(f);
  t = all.commit(cat, d.path());
  ASSERT_TRUE(t.has_value()) << t.error().message();
  EXPECT_EQ(live_rows_by_region(t->metadata), (std::map<std::string, int64_t>{{"mars", 1}}));
  EXPECT_EQ(summary(*t->metadata.current_snapshot(), "total-records"), "1");
  EXPECT_EQ(summary(*t->metadata.current_snapshot(), "total-data-files"), "1");
}

TEST(IcebergTableTest, ConcurrentAppendToAReplacedPartitionIsAConflict) {
  scratch_dir d;
  ib::file_catalog cat;
  ASSERT_TRUE(create(cat, d.path(), 2).has_value());
  ASSERT_TRUE(write_and_append(cat, d.path(), {1}, {"eu"}).has_value());
  auto files = write_files(cat, d.path(), {2}, {"eu"});
  ASSERT_TRUE(files.has_value());
  ib::overwrite_files op(ib::overwrite_files::mode::replace_partitions);
  for (auto& f : *files) op.add_file(f);
  // A catalog that lets another writer append to partition eu just before our first commit.
  struct racing_catalog final : ib::catalog {
    ib::file_catalog inner;
    std::string dir;
    bool raced = false;
    lc::result<ib::loaded_table> load(const std::string& n) override { return inner.load(n); }
    lc::result<ib::loaded_table> create(const std::string& n,
                                        const ib::table_metadata& m) override {
      return inner.create(n, m);
    }
    lc::result<ib::loaded_table> commit(const ib::loaded_table& base,
                                        const ib::table_metadata& next) override {
      if (!raced) {
        raced = true;
        auto other = write_and_append(inner, dir, {3}, {"eu"});
        if (!other) return other.error();
      }
      return inner.commit(base, next);
    }
  } racing;
  racing.dir = d.path();
  auto t = op.commit(racing, d.path());
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().code(), lc::errc::conflict) << t.error().message();
  auto now = cat.load(d.path());
  ASSERT_TRUE(now.has_value());
  EXPECT_EQ(summary(*now->metadata.current_snapshot(), "total-records"), "2");
  EXPECT_EQ(now->metadata.current_snapshot()->operation(), "append");
}

TEST(IcebergTableTest, ExpireRemovesOldSnapshotsAndOnlyTheirFiles) {
  scratch_dir d;
  ib::file_catalog cat;
  ASSERT_TRUE(create(cat, d.path(), 2).has_value());
  ASSERT_TRUE(write_and_append(cat, d.path(), {1}, {"eu"}).has_value());
  ASSERT_TRUE(write_and_append(cat, d.path(), {2}, {"us"}).has_value());
  auto files = write_files(cat, d.path(), {3}, {"eu"});
  ASSERT_TRUE(files.has_value());
  ib::overwrite_files op(ib::overwrite_files::mode::replace_partitions);
  for (auto& f : *files) op.add_file(f);
  auto before = op.commit(cat, d.path());
  ASSERT_TRUE(before.has_value());
  const std::string replaced = ib::local_path(before->metadata.snapshots[0].manifest_list);
  ib::expire_options o;
  o.older_than_ms = ib::now_ms() + 1000;
  o.retain_last = 1;
  auto r = ib::expire_snapshots(cat, d.path(), o);
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ(r->expired_snapshot_ids.size(), 2u);
  EXPECT_EQ(r->table.metadata.snapshots.size(), 1u);
  EXPECT_EQ(r->deleted_data_files, 1);  // the eu file the overwrite replaced
  EXPECT_FALSE(fs::exists(replaced));
  EXPECT_EQ(live_rows_by_region(r->table.metadata),
            (std::map<std::string, int64_t>{{"eu", 1}, {"us", 1}}));
  for (const auto& e : live_entries(r->table.metadata))
    if (e.status != ib::entry_status::deleted) {
      EXPECT_TRUE(fs::exists(ib::local_path(e.data_file.file_path))) << e.data_file.file_path;
    }
}

TEST(IcebergTableTest, MergeAppendFoldsManifestsPastTheMinimumCount) {
  for (int version : {2, 3}) {
    scratch_dir d;
    ib::file_catalog cat;
    ib::table_definition def;
    def.location = d.path();
    def.schema = test_schema();
    def.format_version = version;
    def.properties.emplace_back("commit.manifest.min-count-to-merge", "3");
    auto m = ib::new_table_metadata(def);
    ASSERT_TRUE(m.has_value());
    ASSERT_TRUE(cat.create(d.path(), *m).has_value());
    std::vector<size_t> manifests_after;
    for (int64_t k = 0; k < 5; ++k) {
      auto t = cat.load(d.path());
      ASSERT_TRUE(t.has_value());
      auto w = ib::table_writer::open(t->metadata, parquet_factory(t->metadata));
      ASSERT_TRUE(w.has_value());
      lc::owned_batch b = rows((*w)->batch_schema(), {k * 10, k * 10 + 1}, {"eu", nullptr});
      ASSERT_TRUE((*w)->write(b.view()).ok());
      auto files = (*w)->close();
      ASSERT_TRUE(files.has_value());
      ib::fast_append op;
      op.merge();
      for (auto& f : *files) op.add_file(std::move(f));
      auto c = op.commit(cat, d.path());
      ASSERT_TRUE(c.has_value()) << c.error().message();
      auto list = ib::snapshot_manifests(c->metadata.current_snapshot());
      ASSERT_TRUE(list.has_value());
      manifests_after.push_back(list->size());
    }
    // Two manifests stay apart; the third commit merges all three into one, and so on.
    EXPECT_EQ(manifests_after, (std::vector<size_t>{1, 2, 1, 2, 1})) << "v" << version;
    auto t = cat.load(d.path());
    ASSERT_TRUE(t.has_value());
    std::vector<ib::manifest_entry> live = live_entries(t->metadata);
    ASSERT_EQ(live.size(), 5u);
    std::set<int64_t> seqs;
    int added = 0;
    for (const ib::manifest_entry& e : live) {
      ASSERT_TRUE(e.sequence_number.has_value() || e.status == ib::entry_status::added);
      if (e.status == ib::entry_status::added) {
        ++added;
        EXPECT_EQ(*e.snapshot_id, *t->metadata.current_snapshot_id);
      } else {
        EXPECT_EQ(e.status, ib::entry_status::existing);
        seqs.insert(*e.sequence_number);
      }
      if (version == 3) {
        EXPECT_TRUE(e.data_file.first_row_id.has_value() || e.status == ib::entry_status::added);
      }
    }
    EXPECT_EQ(added, 1);
    EXPECT_EQ(seqs, (std::set<int64_t>{1, 2, 3, 4}));  // each file keeps its own commit's number
    // Only the listed manifests remain on disk: merged-away ones are removed.
    size_t on_disk = 0;
    for (const auto& entry : fs::directory_iterator(d.path() + "/metadata"))
      on_disk += entry.path().filename().string().find("-m") != std::string::npos;
    EXPECT_EQ(on_disk, 5u) << "one manifest per snapshot, merged or not";
    EXPECT_EQ(summary(*t->metadata.current_snapshot(), "total-data-files"), "5");
  }
}
