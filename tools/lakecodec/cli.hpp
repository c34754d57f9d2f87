#pragma once
// The CLI shell: a registry of commands addressed by word paths ("avro tojson"), an argument
// parser driven by each command's declared options, `--help` on every level, and the exit-code
// contract: 0 success, 1 bad data (message on stderr naming the file), 2 usage error.

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "lakecodec/core/status.hpp"

namespace lakecodec_cli {

constexpr int exit_ok = 0;
constexpr int exit_bad_data = 1;
constexpr int exit_usage = 2;

/// A declared option: `--name VALUE` when takes_value, else a flag `--name`.
struct option_spec {
  std::string name;
  bool takes_value = true;
  std::string help;
};

/// Parsed arguments of one command.
struct args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // flags map to ""

  bool has(const std::string& name) const { return options.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
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

/// Thrown-free usage error reporting: prints "lakecodec: <msg>" and a hint; returns 2.
inline int usage_error(const std::string& message, const std::string& path = "") {
  std::cerr << "lakecodec: " << message << "\n";
  std::cerr << "Try 'lakecodec " << (path.empty() ? "" : path + " ") << "--help'.\n";
  return exit_usage;
}

/// Reports bad data: "lakecodec: FILE: message"; returns 1.
inline int data_error(const std::string& file, const lakecodec::status& s) {
  std::cerr << "lakecodec: " << (file.empty() ? "" : file + ": ") << s.to_string() << "\n";
  return exit_bad_data;
}

/// Parses an integer option value; false (and a usage message) on garbage.
inline bool parse_int_option(const args& a, const std::string& name, long long& out, long long lo,
                             long long hi) {
  if (!a.has(name)) return true;
  const std::string v = a.get(name);
  char* end = nullptr;
  errno = 0;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || errno != 0 || x < lo || x > hi) {
    std::cerr << "lakecodec: --" << name << " expects an integer in [" << lo << ", " << hi
              << "], got '" << v << "'\n";
    return false;
  }
  out = x;
  return true;
}

class registry {
 public:
  void add(command c) { commands_.push_back(std::move(c)); }
  /// Describes a command group ("avro") for the help listing.
  void describe_group(const std::string& path, const std::string& summary) {
    groups_[path] = summary;
  }

  int dispatch(const std::vector<std::string>& argv) const {
    // Longest command path that prefixes argv.
    const command* best = nullptr;
    size_t best_words = 0;
    for (const command& c : commands_) {
      std::vector<std::string> words = split(c.path);
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
    for (const std::string& r : rest)
      if (r == "--help" || r == "-h") {
        print_command_help(*best, std::cout);
        return exit_ok;
      }
    args a;
    if (!parse(*best, rest, a)) return exit_usage;
    return best->run(a);
  }

  void print_group_help(const std::string& prefix, std::ostream& os) const {
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
    const std::vector<std::string> pw = split(prefix);
    for (const command& c : commands_) {
      std::vector<std::string> w = split(c.path);
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

 private:
  static std::vector<std::string> split(const std::string& s) {
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

  bool is_group(const std::vector<std::string>& words) const {
    for (const command& c : commands_) {
      std::vector<std::string> w = split(c.path);
      if (w.size() > words.size() && std::equal(words.begin(), words.end(), w.begin())) return true;
    }
    return false;
  }

  int dispatch_group(const std::vector<std::string>& argv) const {
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

  static void print_command_help(const command& c, std::ostream& os) {
    os << "Usage: lakecodec " << c.path;
    if (!c.options.empty()) os << " [OPTIONS]";
    if (!c.usage.empty()) os << " " << c.usage;
    os << "\n\n" << c.summary << "\n";
    if (!c.options.empty()) {
      os << "\nOptions:\n";
      for (const option_spec& o : c.options) {
        std::string name = "  --" + o.name + (o.takes_value ? " VALUE" : "");
        name.resize(std::max<size_t>(name.size() + 2, 28), ' ');
        os << name << o.help << "\n";
      }
    }
    os << "  --help" << std::string(20, ' ') << "show this help\n";
  }

  static bool parse(const command& c, const std::vector<std::string>& rest, args& out) {
    for (size_t i = 0; i < rest.size(); ++i) {
      const std::string& a = rest[i];
      if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
        std::string name = a.substr(2), value;
        const size_t eq = name.find('=');
        bool inline_value = eq != std::string::npos;
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
        if (spec->takes_value && !inline_value) {
          if (i + 1 >= rest.size()) {
            usage_error("option '--" + name + "' needs a value", c.path);
            return false;
          }
          value = rest[++i];
        }
        out.options[name] = value;
      } else {
        out.positional.push_back(a);
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

  std::vector<command> commands_;
  std::map<std::string, std::string> groups_;
};

}  // namespace lakecodec_cli
