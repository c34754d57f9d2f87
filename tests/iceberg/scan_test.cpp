// Read planning over tables this library writes: snapshot choice by id, ref and time, pruning by
// partition and by column metrics, and the errors a bad filter or snapshot gives.

#include "lakecodec/iceberg/scan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/iceberg_table.hpp"

namespace lc = lakecodec;
namespace ib = lakecodec::iceberg;
namespace fs = std::filesystem;

namespace {

class scratch_dir {
 public:
  scratch_dir() {
    path_ = (fs::temp_directory_path() / ("lakecodec-scan-" + lc::random_uuid())).string();
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

/// A table partitioned by identity(region) with three appends: eu ids 0-9, us ids 100-109, eu
/// ids 200-209 (one file each).
class planned_table : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = ib::parse_schema(R"({"type":"struct","schema-id":0,"fields":[
      {"id":1,"name":"id","required":true,"type":"long"},
      {"id":2,"name":"region","required":false,"type":"string"}]})");
    ASSERT_TRUE(s.has_value());
    ib::table_definition d;
    d.location = dir_.path();
    d.schema = *s;
    ib::partition_field f;
    f.source_id = 2;
    f.name = "region";
    f.transform = *ib::parse_transform("identity");
    d.spec.fields.push_back(f);
    d.format_version = 2;
    auto m = ib::new_table_metadata(d);
    ASSERT_TRUE(m.has_value()) << m.error().message();
    ASSERT_TRUE(cat_.create(dir_.path(), *m).has_value());
    append("eu", 0);
    append("us", 100);
    append("eu", 200);
  }

  void append(const char* region, int64_t first_id) {
    auto t = cat_.load(dir_.path());
    ASSERT_TRUE(t.has_value());
    auto factory = ib::default_data_file_factory(t->metadata);
    ASSERT_TRUE(factory.has_value());
    auto w = ib::table_writer::open(t->metadata, *factory);
    ASSERT_TRUE(w.has_value()) << w.error().message();
    lc::batch_builder b((*w)->batch_schema());
    for (int64_t i = 0; i < 10; ++i) {
      b.column("id")->append_int(first_id + i);
      b.column("region")->append_bytes(region);
    }
    auto batch = b.finish();
    ASSERT_TRUE(batch.has_value());
    ASSERT_TRUE((*w)->write(batch->view()).ok());
    auto files = (*w)->close();
    ASSERT_TRUE(files.has_value()) << files.error().message();
    ib::fast_append op;
    for (auto& file : *files) op.add_file(std::move(file));
    auto committed = op.commit(cat_, dir_.path());
    ASSERT_TRUE(committed.has_value()) << committed.error().message();
    snapshots_.push_back(committed->metadata.current_snapshot_id.value_or(-1));
  }

  ib::table_metadata metadata() {
    auto t = cat_.load(dir_.path());
    EXPECT_TRUE(t.has_value());
    return t->metadata;
  }

  /// The first id of every planned file (its lower bound), sorted.
  std::vector<int64_t> planned_ids(const std::string& filter, ib::scan_options o = {}) {
    auto e = lc::expr::parse(filter);
    EXPECT_TRUE(e.has_value()) << e.error().message();
    o.filter = *e;
    auto plan = ib::plan_scan(metadata(), o);
    EXPECT_TRUE(plan.has_value()) << plan.error().message();
    std::vector<int64_t> out;
    for (const ib::planned_file& f : plan->files) {
      const auto& lower = f.file.lower_bounds.value();
      for (const auto& kv : lower)
        if (kv.first == 1) out.push_back(ib::from_bytes(ib::types::long_(), kv.second)->i);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  scratch_dir dir_;
  ib::file_catalog cat_;
  std::vector<int64_t> snapshots_;
};

}  // namespace

TEST_F(planned_table, PrunesByPartitionAndByMetrics) {
  EXPECT_EQ(planned_ids("true"), (std::vector<int64_t>{0, 100, 200}));
  EXPECT_EQ(planned_ids("region = 'eu'"), (std::vector<int64_t>{0, 200}));
  EXPECT_EQ(planned_ids("region != 'eu'"), (std::vector<int64_t>{100}));
  EXPECT_EQ(planned_ids("id >= 105 and id < 203"), (std::vector<int64_t>{100, 200}));
  EXPECT_EQ(planned_ids("region = 'eu' and id < 50"), (std::vector<int64_t>{0}));
  EXPECT_EQ(planned_ids("id = 50"), (std::vector<int64_t>{}));
  EXPECT_EQ(planned_ids("region is null"), (std::vector<int64_t>{}));

  auto e = lc::expr::parse("region = 'us'");
  ib::scan_options o;
  o.filter = *e;
  auto plan = ib::plan_scan(metadata(), o);
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->metrics.manifests, 3);
  EXPECT_EQ(plan->metrics.manifests_skipped, 2);  // by their partition summaries
  ASSERT_EQ(plan->files.size(), 1u);
  const ib::planned_file& f = plan->files[0];
  EXPECT_EQ(f.file.record_count, 10);
  EXPECT_EQ(f.data_sequence_number, 2);
  EXPECT_EQ(f.snapshot_id, snapshots_[1]);
  EXPECT_EQ(f.file.partition.at(0).bytes, "us");
}

TEST_F(planned_table, ChoosesSnapshotsByIdRefAndTime) {
  ib::scan_options by_id;
  by_id.snapshot_id = snapshots_[0];
  EXPECT_EQ(planned_ids("true", by_id), (std::vector<int64_t>{0}));
  ib::scan_options by_ref;
  by_ref.ref = "main";
  EXPECT_EQ(planned_ids("true", by_ref).size(), 3u);
  const ib::table_metadata m = metadata();
  ib::scan_options by_time;
  by_time.as_of_timestamp_ms = m.find_snapshot(snapshots_[1])->timestamp_ms;
  const auto at_second = planned_ids("true", by_time);
  EXPECT_TRUE(at_second.size() == 2u || at_second.size() == 3u);  // equal timestamps allowed
  EXPECT_EQ(std::vector<int64_t>(at_second.begin(), at_second.begin() + 2),
            (std::vector<int64_t>{0, 100}));

  ib::scan_options missing;
  missing.snapshot_id = 42;
  auto p = ib::plan_scan(m, missing);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().message(), "iceberg: no snapshot 42");
  ib::scan_options no_ref;
  no_ref.ref = "nope";
  EXPECT_EQ(ib::plan_scan(m, no_ref).error().message(), "iceberg: no branch or tag 'nope'");
  ib::scan_options early;
  early.as_of_timestamp_ms = 1;
  EXPECT_FALSE(ib::plan_scan(m, early).has_value());
  ib::scan_options both = by_id;
  both.ref = "main";
  EXPECT_FALSE(ib::plan_scan(m, both).has_value());
}

TEST_F(planned_table, BadFilterOrMissingManifestIsAnError) {
  ib::scan_options o;
  o.filter = *lc::expr::parse("nope = 1");
  auto p = ib::plan_scan(metadata(), o);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().message(), "filter: no column 'nope' in the table schema");

  // A manifest that went missing is named in the error, not skipped.
  auto list = ib::snapshot_manifests(metadata().current_snapshot());
  ASSERT_TRUE(list.has_value());
  fs::remove(ib::local_path(list->at(0).manifest_path));
  auto broken = ib::plan_scan(metadata());
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().message().find(list->at(0).manifest_path), std::string::npos)
      << broken.error().message();
}

TEST(plan_scan, EmptyTableHasNoSnapshot) {
  scratch_dir dir;
  auto s = ib::parse_schema(
      R"({"type":"struct","schema-id":0,"fields":[{"id":1,"name":"a","required":false,"type":"int"}]})");
  ASSERT_TRUE(s.has_value());
  ib::table_definition d;
  d.location = dir.path();
  d.schema = *s;
  auto m = ib::new_table_metadata(d);
  ASSERT_TRUE(m.has_value());
  auto plan = ib::plan_scan(*m);
  ASSERT_TRUE(plan.has_value());
  EXPECT_FALSE(plan->snapshot_id.has_value());
  EXPECT_TRUE(plan->files.empty());
}
