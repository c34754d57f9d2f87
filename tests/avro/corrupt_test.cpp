#include <dirent.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "../test_support.hpp"
#include "lakecodec/avro.hpp"

using namespace lakecodec;

// Every file in tests/avro/corrupt/ must fail with the code and message listed in expected.txt
// (one control file must succeed), and every file must be listed.
TEST(AvroCorruptTest, EachCorruptFileGivesItsSpecificError) {
  const std::string dir = lakecodec_test::source_path("tests/avro/corrupt");
  std::ifstream list(dir + "/expected.txt");
  ASSERT_TRUE(list.good());
  std::set<std::string> listed;
  std::string line;
  while (std::getline(list, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    std::string file, code, fragment;
    std::getline(in, file, '\t');
    std::getline(in, code, '\t');
    std::getline(in, fragment);
    listed.insert(file);
    auto bytes = lakecodec_test::read_all(dir + "/" + file);
    auto recs = avro::read_container(bytes.span());
    if (code == "ok") {
      EXPECT_TRUE(recs.has_value()) << file << ": " << recs.error().to_string();
      continue;
    }
    ASSERT_FALSE(recs.has_value()) << file << " was accepted";
    EXPECT_STREQ(errc_name(recs.error().code()), code.c_str())
        << file << ": " << recs.error().to_string();
    EXPECT_NE(recs.error().message().find(fragment), std::string::npos)
        << file << ": " << recs.error().to_string();
    // The CLI reports the same error with exit code 1.
    auto r = lakecodec_test::run_command(std::string(LAKECODEC_TEST_CLI) + " avro tojson '" + dir +
                                         "/" + file + "' 2>&1 >/dev/null");
    EXPECT_EQ(r.exit_code, 1) << file;
    EXPECT_NE(r.output.find(fragment), std::string::npos) << file << ": " << r.output;
  }
  DIR* d = opendir(dir.c_str());
  ASSERT_NE(d, nullptr);
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() > 5 && name.substr(name.size() - 5) == ".avro") {
      EXPECT_TRUE(listed.count(name)) << name << " is not listed in expected.txt";
    }
  }
  closedir(d);
}

TEST(AvroCorruptTest, TruncationAtEveryByteNeverCrashes) {
  for (const char* name : {"weather.avro", "weather-deflate.avro", "weather-snappy.avro",
                           "weather-zstd.avro", "syncInMeta.avro"}) {
    auto bytes = lakecodec_test::read_all(
        lakecodec_test::shared_path(std::string("conformance/avro/data/") + name));
    auto full = avro::read_container(bytes.span());
    ASSERT_TRUE(full.has_value()) << name;
    const size_t step = bytes.size() > 2000 ? 1999 : 1;
    for (size_t n = 0; n < bytes.size(); n += step) {
      // Either an error or (cut exactly after a block) a prefix of the records; never a crash.
      auto recs = avro::read_container(byte_span(bytes.data(), n));
      if (!recs.has_value()) continue;
      ASSERT_LT(recs->size(), full->size()) << name << " truncated to " << n;
      for (size_t i = 0; i < recs->size(); ++i) EXPECT_EQ((*recs)[i], (*full)[i]);
    }
  }
}
