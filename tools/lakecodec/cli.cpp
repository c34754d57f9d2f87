// The CLI shell (see cli.hpp): option declarations, parsing and validation, generated help,
// dispatch, error reporting and progress.

#include "cli.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "lakecodec/core/sink.hpp"

namespace lakecodec_cli {

option_spec option_spec::required() const {
  option_spec c = *this;
  c.is_required = true;
  return c;
}

option_spec option_spec::repeatable() const {
  option_spec c = *this;
  c.is_repeatable = true;
  return c;
}

option_spec option_spec::excludes(std::vector<std::string> others) const {
  option_spec c = *this;
  c.excluded = std::move(others);
  return c;
}

option_spec option_spec::metavar(std::string m) const {
  option_spec c = *this;
  c.metavar_text = std::move(m);
  return c;
}

namespace opt {
static option_spec make(std::string name, value_kind k, std::string help, std::string meta) {
  option_spec o;
  o.name = std::move(name);
  o.kind = k;
  o.help = std::move(help);
  o.metavar_text = std::move(meta);
  return o;
}
option_spec flag(std::string name, std::string help) {
  return make(std::move(name), value_kind::flag, std::move(help), "");
}
option_spec text(std::string name, std::string help) {
  return make(std::move(name), value_kind::text, std::move(help), "VALUE");
}
option_spec integer(std::string name, long long lo, long long hi, std::string help) {
  option_spec o = make(std::move(name), value_kind::integer, std::move(help), "N");
  o.lo = lo;
  o.hi = hi;
  return o;
}
option_spec choice(std::string name, std::vector<std::string> choices, std::string help) {
  option_spec o = make(std::move(name), value_kind::choice, std::move(help), "WORD");
  o.choices = std::move(choices);
  return o;
}
option_spec path(std::string name, std::string help) {
  return make(std::move(name), value_kind::path, std::move(help), "PATH");
}
option_spec overwrite() { return flag("overwrite", "replace the output file if it exists"); }
option_spec pretty() { return flag("pretty", "indent the JSON (default: compact)"); }
}  // namespace opt

std::string args::get(const std::string& name, const std::string& fallback) const {
  auto it = options.find(name);
  return it == options.end() ? fallback : it->second;
}

std::vector<std::string> args::get_all(const std::string& name) const {
  auto it = repeated.find(name);
  return it == repeated.end() ? std::vector<std::string>{} : it->second;
}

long long args::get_int(const std::string& name, long long fallback) const {
  auto it = options.find(name);
  if (it == options.end()) return fallback;
  return std::strtoll(it->second.c_str(), nullptr, 10);  // validated by registry::parse
}

int usage_error(const std::string& message, const std::string& path) {
  std::fflush(stdout);
  std::cerr << "lakecodec: " << message << "\n";
  std::cerr << "Try 'lakecodec " << (path.empty() ? "" : path + " ") << "--help'.\n";
  return exit_usage;
}

int data_error(const std::string& file, const lakecodec::status& s) {
  std::cout.flush();
  std::fflush(stdout);
  std::cerr << "lakecodec: " << (file.empty() ? "" : file + ": ") << s.to_string() << "\n";
  return exit_bad_data;
}

lakecodec::result<lakecodec::byte_buffer> read_input(const std::string& path) {
  if (path != "-") return lakecodec::read_file(path);
  lakecodec::byte_buffer b;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) b.append(buf, n);
  if (std::ferror(stdin)) return lakecodec::io_error("reading stdin failed");
  return b;
}

void write_stdout(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

lakecodec::status write_output(const std::string& path, lakecodec::byte_span bytes,
                               bool overwrite) {
  if (path == "-") {
    if (std::fwrite(bytes.data, 1, bytes.size, stdout) != bytes.size || std::fflush(stdout) != 0)
      return lakecodec::io_error("writing stdout failed");
    return {};
  }
  struct stat st;
  if (!overwrite && ::stat(path.c_str(), &st) == 0)
    return lakecodec::status(lakecodec::errc::already_exists,
                             "'" + path + "' exists; pass --overwrite to replace it");
  lakecodec::file_sink_options fo;
  fo.overwrite = overwrite;
  auto sink = lakecodec::file_sink::open(path, fo);
  if (!sink) return sink.error();
  auto ws = sink->write(bytes);
  if (ws.ok()) ws = sink->close();
  return ws;
}

static int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

progress::progress(std::string what)
    : what_(std::move(what)),
      enabled_(::isatty(STDERR_FILENO) == 1),
      start_ns_(now_ns()),
      next_ns_(start_ns_ + 1000000000) {}

progress::~progress() {
  if (printed_) print(true);
}

void progress::update(int64_t rows, int64_t bytes) {
  rows_ = rows;
  bytes_ = bytes;
  if (!enabled_ || (++calls_ & 1023u) != 0) return;
  const int64_t t = now_ns();
  if (t < next_ns_) return;
  next_ns_ = t + 250000000;
  print(false);
}

void progress::print(bool final_line) {
  const double secs = std::max(1e-9, static_cast<double>(now_ns() - start_ns_) / 1e9);
  char line[160];
  std::snprintf(line, sizeof line, "\r%s: %lld rows, %.1f MB, %.1f MB/s, %.0f rows/s",
                what_.c_str(), static_cast<long long>(rows_), static_cast<double>(bytes_) / 1e6,
                static_cast<double>(bytes_) / 1e6 / secs, static_cast<double>(rows_) / secs);
  std::fputs(line, stderr);
  if (final_line) std::fputc('\n', stderr);
  std::fflush(stderr);
  printed_ = true;
}

// -- registry ------------------------------------------------------------------------------------

static std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

void registry::add(command c) { commands_.push_back(std::move(c)); }

void registry::describe_group(const std::string& path, const std::string& summary) {
  groups_[path] = summary;
}

int registry::dispatch(const std::vector<std::string>& argv) const {
  // Longest command path that prefixes argv.
  const command* best = nullptr;
  size_t best_words = 0;
  for (const command& c : commands_) {
    std::vector<std::string> words = split_words(c.path);
    if (words.size() > argv.size() || words.size() <= best_words) continue;
    bool match = true;
    for (size_t i = 0; i < words.size(); ++i) match = match && words[i] == argv[i];
    if (match) {
      best = &c;
      best_words = words.size();
    }
  }
  if (best == nullptr) return dispatch_group(argv);
  std::vector<std::string> rest(argv.begin() + static_cast<long>(best_words), argv.end());
  for (const std::string& r : rest) {
    if (r == "--") break;
    if (r == "--help" || r == "-h") {
      print_command_help(*best, std::cout);
      return exit_ok;
    }
  }
  args a;
  if (!parse(*best, rest, a)) return exit_usage;
  return best->run(a);
}

void registry::print_group_help(const std::string& prefix, std::ostream& os) const {
  if (prefix.empty()) {
    os << "lakecodec " LAKECODEC_VERSION_STRING
          " - write and read Avro, Parquet, Iceberg and Paimon without Arrow, Java or Rust\n\n"
          "Usage: lakecodec [--version] [--help] COMMAND [ARGS...]\n\n";
  } else {
    os << "Usage: lakecodec " << prefix << " COMMAND [ARGS...]\n";
    auto g = groups_.find(prefix);
    if (g != groups_.end()) os << g->second << "\n";
    os << "\n";
  }
  os << "Commands:\n";
  std::map<std::string, std::string> lines;
  const std::vector<std::string> pw = split_words(prefix);
  for (const command& c : commands_) {
    std::vector<std::string> w = split_words(c.path);
    if (w.size() <= pw.size() || !std::equal(pw.begin(), pw.end(), w.begin())) continue;
    std::string next = w[pw.size()];
    std::string sub = prefix.empty() ? next : prefix + " " + next;
    if (w.size() == pw.size() + 1) {
      lines[next] = c.summary;
    } else if (!lines.count(next)) {
      auto g = groups_.find(sub);
      lines[next] = g == groups_.end() ? "" : g->second;
    }
  }
  for (const auto& kv : lines) {
    std::string name = "  " + kv.first;
    name.resize(std::max<size_t>(name.size() + 2, 20), ' ');
    os << name << kv.second << "\n";
  }
  os << "\nRun 'lakecodec " << (prefix.empty() ? "" : prefix + " ")
     << "COMMAND --help' for a command's options.\n"
        "Exit codes: 0 success, 1 bad data, 2 usage error.\n";
}

bool registry::is_group(const std::vector<std::string>& words) const {
  for (const command& c : commands_) {
    std::vector<std::string> w = split_words(c.path);
    if (w.size() > words.size() && std::equal(words.begin(), words.end(), w.begin())) return true;
  }
  return false;
}

int registry::dispatch_group(const std::vector<std::string>& argv) const {
  // The deepest group that argv names, then either help or an unknown-command error.
  std::vector<std::string> words;
  for (const std::string& a : argv) {
    if (!a.empty() && a[0] == '-') break;
    std::vector<std::string> next = words;
    next.push_back(a);
    if (!is_group(next)) break;
    words = next;
  }
  std::string prefix;
  for (const std::string& w : words) prefix += (prefix.empty() ? "" : " ") + w;
  if (argv.size() == words.size()) {
    print_group_help(prefix, std::cerr);
    return exit_usage;
  }
  const std::string& next = argv[words.size()];
  if (next == "--help" || next == "-h" || next == "help") {
    print_group_help(prefix, std::cout);
    return exit_ok;
  }
  return usage_error("unknown command '" + (prefix.empty() ? next : prefix + " " + next) + "'",
                     prefix);
}

static std::string describe_value(const option_spec& o) {
  switch (o.kind) {
    case value_kind::integer:
      return "an integer in [" + std::to_string(o.lo) + ", " + std::to_string(o.hi) + "]";
    case value_kind::choice: {
      std::string s = "one of ";
      for (size_t i = 0; i < o.choices.size(); ++i)
        s += (i == 0 ? "" : i + 1 == o.choices.size() ? " or " : ", ") + o.choices[i];
      return s;
    }
    case value_kind::path: return "a file name";
    case value_kind::text: return "a value";
    case value_kind::flag: return "no value";
  }
  return "";
}

void registry::print_command_help(const command& c, std::ostream& os) {
  os << "Usage: lakecodec " << c.path;
  for (const option_spec& o : c.options)
    if (o.is_required) os << " --" << o.name << " " << o.metavar_text;
  if (!c.options.empty()) os << " [OPTIONS]";
  if (!c.usage.empty()) os << " " << c.usage;
  os << "\n\n" << c.summary << "\n";
  if (!c.options.empty()) {
    os << "\nOptions:\n";
    for (const option_spec& o : c.options) {
      std::string name = "  --" + o.name + (o.takes_value() ? " " + o.metavar_text : "");
      name.resize(std::max<size_t>(name.size() + 2, 28), ' ');
      std::string help = o.help;
      if (o.kind == value_kind::integer || o.kind == value_kind::choice)
        help += " (" + describe_value(o) + ")";
      if (o.is_required) help += " [required]";
      if (o.is_repeatable) help += " [repeatable]";
      if (!o.excluded.empty()) {
        help += " [not with";
        for (const std::string& e : o.excluded) help += " --" + e;
        help += "]";
      }
      os << name << help << "\n";
    }
  }
  os << "  --help" << std::string(20, ' ') << "show this help\n";
  os << "  --" << std::string(24, ' ') << "end of options (a following '--x' is an argument)\n";
}

static bool validate_value(const command& c, const option_spec& o, const std::string& v) {
  auto bad = [&]() {
    usage_error("--" + o.name + " expects " + describe_value(o) + ", got '" + v + "'", c.path);
    return false;
  };
  switch (o.kind) {
    case value_kind::flag: return true;
    case value_kind::text:
    case value_kind::path: return v.empty() ? bad() : true;
    case value_kind::integer: {
      char* end = nullptr;
      errno = 0;
      const long long x = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || errno != 0 || x < o.lo || x > o.hi) return bad();
      return true;
    }
    case value_kind::choice:
      return std::find(o.choices.begin(), o.choices.end(), v) == o.choices.end() ? bad() : true;
  }
  return bad();
}

bool registry::parse(const command& c, const std::vector<std::string>& rest, args& out) {
  bool options_ended = false;
  for (size_t i = 0; i < rest.size(); ++i) {
    const std::string& a = rest[i];
    if (!options_ended && a == "--") {
      options_ended = true;
      continue;
    }
    if (!options_ended && a.size() > 2 && a[0] == '-' && a[1] == '-') {
      std::string name = a.substr(2), value;
      const size_t eq = name.find('=');
      const bool inline_value = eq != std::string::npos;
      if (inline_value) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const option_spec* spec = nullptr;
      for (const option_spec& o : c.options)
        if (o.name == name) spec = &o;
      if (spec == nullptr) {
        usage_error("unknown option '--" + name + "' for '" + c.path + "'", c.path);
        return false;
      }
      if (!spec->takes_value() && inline_value) {
        usage_error("option '--" + name + "' takes no value", c.path);
        return false;
      }
      if (spec->takes_value() && !inline_value) {
        if (i + 1 >= rest.size()) {
          usage_error("option '--" + name + "' needs a value", c.path);
          return false;
        }
        value = rest[++i];
      }
      if (!validate_value(c, *spec, value)) return false;
      if (out.has(name) && !spec->is_repeatable) {
        usage_error("option '--" + name + "' is given twice", c.path);
        return false;
      }
      out.options[name] = value;
      if (spec->is_repeatable) out.repeated[name].push_back(value);
    } else {
      out.positional.push_back(a);
    }
  }
  for (const option_spec& o : c.options) {
    if (o.is_required && !out.has(o.name)) {
      usage_error("'" + c.path + "' needs --" + o.name + " " + o.metavar_text, c.path);
      return false;
    }
    if (!out.has(o.name)) continue;
    for (const std::string& e : o.excluded)
      if (out.has(e)) {
        usage_error("--" + o.name + " and --" + e + " cannot be used together", c.path);
        return false;
      }
  }
  if (out.positional.size() < c.min_positional || out.positional.size() > c.max_positional) {
    usage_error("'" + c.path + "' expects " + (c.usage.empty() ? "no arguments" : c.usage) +
                    ", got " + std::to_string(out.positional.size()) + " argument(s)",
                c.path);
    return false;
  }
  return true;
}

}  // namespace lakecodec_cli
