#pragma once
// File-system tables (Iceberg spec "File System Tables"; Java HadoopTableOperations): a table is
// a directory, its metadata `metadata/v<N>.metadata.json` (`v<N>.gz.metadata.json` with
// write.metadata.compression-codec=gzip), and `metadata/version-hint.text` holds N. A commit
// publishes v<N+1> with a no-replace link (file_sink, os::link_no_replace in core/os.hpp), so of
// two writers racing for the same version exactly one wins and the other gets errc::conflict
// (POSIX rename(2) would silently replace: Java's in-process lock does not protect separate
// processes). The hint is rewritten after the publish
// (temporary + rename) as the decimal number without a newline, which PyIceberg and DuckDB
// require; readers that find a newer v<N+1> than the hint says use it, as Java does.

#ifdef LAKECODEC_WITH_JSON

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "lakecodec/codec/codec.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/catalog.hpp"
#include "lakecodec/iceberg/metadata.hpp"
#include "lakecodec/iceberg/metadata_file.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// The local path of a location: "file:///a/b", "file:/a/b" and "/a/b" all give "/a/b".
inline std::string local_path(const std::string& location) {
  if (location.compare(0, 7, "file://") == 0) {
    std::string rest = location.substr(7);
    if (rest.compare(0, 9, "localhost") == 0) rest = rest.substr(9);
    return rest;
  }
  if (location.compare(0, 5, "file:") == 0) return location.substr(5);
  return location;
}

/// The absolute file:// URI of a local path (made absolute against the working directory), the
/// fully qualified form Iceberg v1-v3 require for every location.
inline std::string file_uri(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(path, ec);
  std::string s = (ec ? std::filesystem::path(path) : p.lexically_normal()).string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return "file://" + s;
}

/// The value of table property `key`, or `fallback`.
inline std::string property_or(const table_metadata& m, const std::string& key,
                               const std::string& fallback) {
  for (const auto& kv : m.properties)
    if (kv.first == key) return kv.second;
  return fallback;
}

/// Tables addressed by their directory (Java HadoopTables): the name is the table's path or
/// file:// location.
class file_catalog final : public catalog {
 public:
  /// Reads the metadata the hint (or, without one, the highest v<N>) points at, moving past the
  /// hint to any newer published version. not_found when the directory holds no table.
  result<loaded_table> load(const std::string& name) override {
    const std::string dir = metadata_dir(name);
    LAKECODEC_ASSIGN_OR_RETURN(int64_t version, current_version(dir));
    if (version <= 0) return status(errc::not_found, "iceberg: no table metadata in '" + dir + "'");
    return read_version(name, dir, version);
  }

  /// Creates `metadata/` and publishes v1. already_exists when a table is there.
  result<loaded_table> create(const std::string& name, const table_metadata& metadata) override {
    const std::string dir = metadata_dir(name);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return io_error("iceberg: cannot create '" + dir + "': " + ec.message());
    LAKECODEC_ASSIGN_OR_RETURN(int64_t version, current_version(dir));
    if (version > 0)
      return status(errc::already_exists, "iceberg: a table already exists at '" + name + "'");
    return publish(name, dir, 1, metadata);
  }

  /// Publishes v<base+1>; conflict when that version exists already.
  result<loaded_table> commit(const loaded_table& base, const table_metadata& next) override {
    const std::string dir = metadata_dir(base.name);
    LAKECODEC_ASSIGN_OR_RETURN(int64_t version, version_of(base.metadata_location));
    LAKECODEC_ASSIGN_OR_RETURN(loaded_table out, publish(base.name, dir, version + 1, next));
    delete_dropped_metadata(base, next);
    return out;
  }

 private:
  static std::string metadata_dir(const std::string& name) {
    std::string p = local_path(name);
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    return p + "/metadata";
  }

  static std::string file_name(int64_t version, bool gzip) {
    return "v" + std::to_string(version) + (gzip ? ".gz.metadata.json" : ".metadata.json");
  }

  static bool exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
  }

  /// The existing file of `version` (plain or gzip), or empty.
  static std::string find_version_file(const std::string& dir, int64_t version) {
    for (bool gz : {false, true}) {
      std::string p = dir + "/" + file_name(version, gz);
      if (exists(p)) return p;
    }
    return {};
  }

  /// N of a ".../v<N>[.gz].metadata.json" location.
  static result<int64_t> version_of(const std::string& location) {
    const size_t slash = location.rfind('/');
    const std::string base = slash == std::string::npos ? location : location.substr(slash + 1);
    int64_t v = 0;
    size_t i = 1;
    if (base.empty() || base[0] != 'v')
      return invalid_argument("iceberg: '" + location + "' is not a v<N>.metadata.json file");
    for (; i < base.size() && base[i] >= '0' && base[i] <= '9' && v < (INT64_MAX - 9) / 10; ++i)
      v = v * 10 + (base[i] - '0');
    const bool suffix_ok = base.compare(i, std::string::npos, ".metadata.json") == 0 ||
                           base.compare(i, std::string::npos, ".gz.metadata.json") == 0;
    if (i == 1 || !suffix_ok)
      return invalid_argument("iceberg: '" + location + "' is not a v<N>.metadata.json file");
    return v;
  }

  /// The version the hint names (0 when it is missing or unreadable), then the newest published
  /// one after it; without a usable hint the highest v<N> in the directory.
  static result<int64_t> current_version(const std::string& dir) {
    int64_t v = read_hint(dir);
    if (v <= 0) v = highest_listed_version(dir);
    if (v <= 0) return int64_t{0};
    while (!find_version_file(dir, v + 1).empty()) ++v;
    return v;
  }

  static int64_t read_hint(const std::string& dir) {
    auto bytes = read_file(dir + "/version-hint.text", 64);
    if (!bytes) return 0;
    std::string text(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
      text.pop_back();
    int64_t v = 0;
    if (text.empty() || text.size() > 18) return 0;
    for (char c : text) {
      if (c < '0' || c > '9') return 0;
      v = v * 10 + (c - '0');
    }
    return v;
  }

  static int64_t highest_listed_version(const std::string& dir) {
    int64_t best = 0;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      auto v = version_of(it->path().filename().string());
      if (v && *v > best) best = *v;
    }
    return best;
  }

  static result<loaded_table> read_version(const std::string& name, const std::string& dir,
                                           int64_t version) {
    const std::string path = find_version_file(dir, version);
    if (path.empty())
      return status(errc::not_found, "iceberg: metadata version " + std::to_string(version) +
                                         " is missing from '" + dir + "'");
    loaded_table t;
    t.name = name;
    t.metadata_location = file_uri(path);
    LAKECODEC_ASSIGN_OR_RETURN(t.metadata, read_table_metadata(path));
    return t;
  }

  static result<byte_buffer> metadata_bytes(const table_metadata& m, bool gzip) {
    const std::string text = print_table_metadata(m);
    byte_buffer out;
    const byte_span in(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    if (!gzip) {
      out.append(in.data, in.size);
      return out;
    }
    LAKECODEC_TRY(compress(compression::gzip, in, out));
    return out;
  }

  static status write_file(const std::string& path, byte_span bytes, bool overwrite) {
    file_sink_options o;
    o.overwrite = overwrite;
    LAKECODEC_ASSIGN_OR_RETURN(file_sink f, file_sink::open(path, o));
    LAKECODEC_TRY(f.write(bytes.data, bytes.size));
    return f.close();
  }

  static result<loaded_table> publish(const std::string& name, const std::string& dir,
                                      int64_t version, const table_metadata& m) {
    const std::string codec = property_or(m, "write.metadata.compression-codec", "none");
    if (codec != "none" && codec != "gzip")
      return invalid_argument(
          "iceberg: write.metadata.compression-codec must be none or gzip, not '" + codec + "'");
    const bool gzip = codec == "gzip";
    if (!find_version_file(dir, version).empty()) return conflict_at(dir, version);
    LAKECODEC_ASSIGN_OR_RETURN(byte_buffer bytes, metadata_bytes(m, gzip));
    const std::string path = dir + "/" + file_name(version, gzip);
    status s = write_file(path, byte_span(bytes.data(), bytes.size()), false);
    if (s.code() == errc::already_exists) return conflict_at(dir, version);
    LAKECODEC_TRY(s);
    // The other name form (plain vs gzip) of the same version may have been published meanwhile.
    if (!find_version_file(dir, version).empty() && find_version_file(dir, version) != path) {
      std::error_code ec;
      std::filesystem::remove(path, ec);
      return conflict_at(dir, version);
    }
    write_hint(dir, version);
    loaded_table t;
    t.name = name;
    t.metadata_location = file_uri(path);
    t.metadata = m;
    return t;
  }

  static status conflict_at(const std::string& dir, int64_t version) {
    return status(errc::conflict, "iceberg: version " + std::to_string(version) + " of '" + dir +
                                      "' was committed concurrently");
  }

  /// Best effort, as in Java: a stale hint only costs readers a look for newer versions.
  static void write_hint(const std::string& dir, int64_t version) {
    const std::string text = std::to_string(version);
    (void)write_file(dir + "/version-hint.text",
                     byte_span(reinterpret_cast<const uint8_t*>(text.data()), text.size()), true);
  }

  /// write.metadata.delete-after-commit.enabled: removes the metadata files `next`'s
  /// metadata-log no longer lists (Java TableMetadata previous-versions-max trimming).
  static void delete_dropped_metadata(const loaded_table& base, const table_metadata& next) {
    if (property_or(next, "write.metadata.delete-after-commit.enabled", "false") != "true") return;
    std::vector<std::string> files;
    for (const auto& e : base.metadata.metadata_log) files.push_back(e.metadata_file);
    files.push_back(base.metadata_location);
    for (const std::string& f : files) {
      const bool kept =
          std::any_of(next.metadata_log.begin(), next.metadata_log.end(),
                      [&](const metadata_log_entry& e) { return e.metadata_file == f; });
      std::error_code ec;
      if (!kept) std::filesystem::remove(local_path(f), ec);
    }
  }
};

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
