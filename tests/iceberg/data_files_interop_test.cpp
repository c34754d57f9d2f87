// Data files written through make_data_file_writer read back by the reference readers:
// pyarrow for Parquet, fastavro for Avro, every value compared (tests/iceberg/data_files_read.py).
#include <gtest/gtest.h>

#include <string>

#include "../test_support.hpp"
#include "data_files_fixture.hpp"

using namespace data_files_fixture;

TEST(IcebergDataFilesInteropTest, PyarrowAndFastavroReadTheValuesWeWrote) {
  const std::string dir = lakecodec_test::scratch_dir("df-interop");
  const std::string pq = dir + "/rows.parquet", av = dir + "/rows.avro";
  for (const auto& path_and_format : {std::make_pair(pq, "parquet"), std::make_pair(av, "avro")}) {
    auto r = write_rows({{"write.format.default", path_and_format.second}}, path_and_format.first);
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
  }
  const std::string script = lakecodec_test::source_path("tests/iceberg/data_files_read.py");
  auto out = lakecodec_test::run_command(
      std::string(LAKECODEC_TEST_PYTHON) + " '" + script + "' '" + pq + "' '" + av + "'", true);
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_EQ(out.output, "ok parquet\nok avro\n");
}
