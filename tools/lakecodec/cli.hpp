#pragma once
// The CLI shell: a registry of commands addressed by word paths ("avro tojson"), an argument
// parser driven by each command's declared options (their kind, range, choices, whether they are
// required and which options they exclude), `--help` generated from the same declarations, and
// the exit-code contract: 0 success, 1 bad data (message on stderr naming the file), 2 usage
// error. Each area registers its verbs from its own translation unit (cli_<area>.cpp), so the
// areas compile in parallel and no translation unit includes every format.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/status.hpp"

namespace lakecodec_cli {

constexpr int exit_ok = 0;
constexpr int exit_bad_data = 1;
constexpr int exit_usage = 2;

/// What an option's value is; parse() validates every kind before a command runs.
enum class value_kind {
  flag,     // `--name`, no value
  text,     // `--name VALUE`, any non-empty text
  integer,  // `--name N`, a decimal integer in [lo, hi]
  choice,   // `--name WORD`, one of `choices`
  path,     // `--name PATH`, a non-empty file name ("-" for stdin/stdout where the verb says so)
};

/// A declared option. Build one with the functions in `opt` and refine it with required() or
/// excludes().
struct option_spec {
  std::string name;
  value_kind kind = value_kind::text;
  std::string help;
  bool is_required = false;
  bool is_repeatable = false;
  long long lo = 0, hi = 0;
  std::vector<std::string> choices;
  std::vector<std::string> excluded;  // options that may not be given together with this one
  std::string metavar_text;           // VALUE, N, PATH, ... as printed in --help

  bool takes_value() const { return kind != value_kind::flag; }
  /// This option, required.
  option_spec required() const;
  /// This option, allowed more than once (args::get_all returns every value in order).
  option_spec repeatable() const;
  /// This option, refused together with any of `others`.
  option_spec excludes(std::vector<std::string> others) const;
  /// This option with another metavariable in --help ("SCHEMA.json").
  option_spec metavar(std::string m) const;
};

namespace opt {
option_spec flag(std::string name, std::string help);
option_spec text(std::string name, std::string help);
option_spec integer(std::string name, long long lo, long long hi, std::string help);
option_spec choice(std::string name, std::vector<std::string> choices, std::string help);
option_spec path(std::string name, std::string help);
/// `--overwrite`, the flag every writer takes to replace an existing output.
option_spec overwrite();
/// `--pretty`, the flag every JSON printer takes to indent (compact is the default).
option_spec pretty();
}  // namespace opt

/// Parsed arguments of one command; option values are already validated against their spec.
struct args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // flags map to ""; the last value of a repeatable
  std::map<std::string, std::vector<std::string>> repeated;  // every value of a repeatable option

  bool has(const std::string& name) const { return options.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const;
  /// Every value of a repeatable option, in command-line order (empty when absent).
  std::vector<std::string> get_all(const std::string& name) const;
  /// The value of an integer option (range-checked by parse()), or `fallback` when absent.
  long long get_int(const std::string& name, long long fallback) const;
};

struct command {
  std::string path;     // "avro tojson"
  std::string summary;  // one line
  std::string usage;    // "FILE"
  std::vector<option_spec> options;
  size_t min_positional = 0;
  size_t max_positional = 0;  // SIZE_MAX for unbounded
  std::function<int(const args&)> run;
};

/// Prints "lakecodec: <msg>" and a hint; returns 2.
int usage_error(const std::string& message, const std::string& path = "");

/// Reports bad data: "lakecodec: FILE: message"; flushes stdout first so everything printed
/// before the error reaches it in full; returns 1.
int data_error(const std::string& file, const lakecodec::status& s);

/// The bytes of `path`, or of stdin when `path` is "-".
lakecodec::result<lakecodec::byte_buffer> read_input(const std::string& path);

/// Writes `s` to stdout (binary-safe).
void write_stdout(const std::string& s);

/// Writes `bytes` to `path`, or to stdout when `path` is "-". An existing file is replaced only
/// with `overwrite`; otherwise the write is refused naming the file.
lakecodec::status write_output(const std::string& path, lakecodec::byte_span bytes, bool overwrite);

/// Progress on stderr for long work: after the first second, and only when stderr is a
/// terminal, a line "ROWS rows, BYTES, RATE" rewritten in place at most a few times a second.
class progress {
 public:
  explicit progress(std::string what);
  ~progress();
  /// Records the work done so far; cheap enough to call per row.
  void update(int64_t rows, int64_t bytes);

 private:
  std::string what_;
  bool enabled_;
  bool printed_ = false;
  int64_t start_ns_;
  int64_t next_ns_;
  int64_t rows_ = 0, bytes_ = 0;
  uint32_t calls_ = 0;
  void print(bool final_line);
};

class registry {
 public:
  void add(command c);
  /// Describes a command group ("avro") for the help listing.
  void describe_group(const std::string& path, const std::string& summary);
  int dispatch(const std::vector<std::string>& argv) const;
  void print_group_help(const std::string& prefix, std::ostream& os) const;
  /// Parses `rest` (the words after the command path) against `c`'s declared options; false
  /// after printing a usage error.
  static bool parse(const command& c, const std::vector<std::string>& rest, args& out);
  static void print_command_help(const command& c, std::ostream& os);

 private:
  bool is_group(const std::vector<std::string>& words) const;
  int dispatch_group(const std::vector<std::string>& argv) const;

  std::vector<command> commands_;
  std::map<std::string, std::string> groups_;
};

/// `gen lineitem --format iceberg`: the lineitem rows as a new Iceberg table
/// (cli_iceberg_table.cpp).
int run_gen_lineitem_iceberg(const args& a);

// Each area's verbs, defined in its own translation unit.
void register_core_commands(registry& r);
void register_avro_commands(registry& r);
void register_parquet_commands(registry& r);
void register_iceberg_commands(registry& r);
void register_iceberg_table_commands(registry& r);
void register_iceberg_scan_commands(registry& r);
void register_paimon_commands(registry& r);

}  // namespace lakecodec_cli
