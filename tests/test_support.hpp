#pragma once
// Helpers shared by the GoogleTest suites: paths to the test data and the CLI, file reading,
// running a command and capturing its output.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/sink.hpp"

namespace lakecodec_test {

/// Path under tests/data (the reference-written conformance files, see tests/data/README.md).
inline std::string shared_path(const std::string& rel) {
  return std::string(LAKECODEC_TEST_DATA_DIR) + "/" + rel;
}
/// Path under the source tree.
inline std::string source_path(const std::string& rel) {
  return std::string(LAKECODEC_TEST_SOURCE_DIR) + "/" + rel;
}
/// A fresh, empty scratch directory for one test.
inline std::string scratch_dir(const std::string& name) {
  const char* base = std::getenv("TMPDIR");
  std::string dir = std::string(base ? base : "/tmp") + "/lakecodec-test-" + name + "-" +
                    std::to_string(::getpid());
  std::string cmd = "rm -rf '" + dir + "' && mkdir -p '" + dir + "'";
  if (std::system(cmd.c_str()) != 0) ADD_FAILURE() << "cannot create " << dir;
  return dir;
}

inline lakecodec::byte_buffer read_all(const std::string& path) {
  auto r = lakecodec::read_file(path);
  if (!r) {
    ADD_FAILURE() << r.error().to_string();
    return {};
  }
  return std::move(r).value();
}

inline void write_all(const std::string& path, std::string_view bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

struct command_result {
  int exit_code = -1;
  std::string output;  // stdout (stderr too when merged)
};

/// Runs a shell command and captures stdout (and stderr if `merge_stderr`).
inline command_result run_command(const std::string& cmd, bool merge_stderr = false) {
  command_result r;
  std::string full = cmd + (merge_stderr ? " 2>&1" : "");
  FILE* p = ::popen(full.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  int st = ::pclose(p);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

#ifdef LAKECODEC_TEST_PYTHON
/// Runs the interop Python (the venv with pyarrow, fastavro, ...) on a script given as text.
/// Fails the test (never skips) if the interpreter or a package is missing.
inline command_result run_python(const std::string& script, const std::string& args = "") {
  std::string path = scratch_dir("py") + "/script.py";
  write_all(path, script);
  return run_command(std::string(LAKECODEC_TEST_PYTHON) + " '" + path + "' " + args);
}
#endif

}  // namespace lakecodec_test
