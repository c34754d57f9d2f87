#include <gtest/gtest.h>

#include <string>

#include "../test_support.hpp"

using lakecodec_test::run_command;

namespace {
std::string cli() { return LAKECODEC_TEST_CLI; }
}  // namespace

TEST(CliShellTest, VersionAndHelpSucceed) {
  auto v = run_command(cli() + " --version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.output, "lakecodec " LAKECODEC_VERSION_STRING "\n");
  auto h = run_command(cli() + " --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.output.find("Usage: lakecodec"), std::string::npos);
  EXPECT_NE(h.output.find("Exit codes: 0 success, 1 bad data, 2 usage error."), std::string::npos);
}

TEST(CliShellTest, UsageErrorsExitTwoWithAMessage) {
  auto none = run_command(cli(), true);
  EXPECT_EQ(none.exit_code, 2);
  auto unknown = run_command(cli() + " frobnicate", true);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(CliShellTest, EveryGroupAndCommandHasHelp) {
  auto top = run_command(cli() + " --help");
  // Each listed command word must answer --help with exit 0, and so must its subcommands.
  std::istringstream lines(top.output.substr(top.output.find("Commands:")));
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("  ", 0) != 0) continue;
    std::string word = line.substr(2, line.find(' ', 2) - 2);
    auto h = run_command(cli() + " " + word + " --help");
    EXPECT_EQ(h.exit_code, 0) << word;
    EXPECT_NE(h.output.find("Usage: lakecodec " + word), std::string::npos) << word;
    ++checked;
  }
  EXPECT_EQ(checked > 0 || top.output.find("Commands:\n\n") != std::string::npos, true);
}
