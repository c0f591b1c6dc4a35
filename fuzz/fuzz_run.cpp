// libFuzzer target over the whole function: bytes -> zd::krm::run (parse ->
// envelope -> config -> transform -> emit), built with ASan + UBSan.
//
// The first input byte picks the options, the rest is stdin:
//   bits 0-1  preset flag: 0 alb-ip, 1 alb-instance, 2 agic, 3 none (the
//             input's functionConfig must name one)
//   bit 2     --check
//   bit 3     --native-sleep=true
//   bit 4     --readiness-probe-path=/healthz
//   bit 5     tight limits (--max-depth 8, --max-alias-nodes 64,
//             --max-input-bytes 4096): the limit paths themselves
//
// Besides the sanitizers, these oracles abort (a finding) when broken; each
// can be switched off with ZD_FUZZ_SKIP=name[,name...] to get past a known bug:
//   exception    run() let an exception escape (main would print it and exit 1
//                with no result naming a resource)
//   exit         exit code not 0 or 1
//   empty        exit 0 with an empty stdout (kpt would delete every file)
//   reparse      stdout is not readable by our own parser (default depth and
//                alias limits, any size)
//   printable    stdout holds a character the writer must escape (C0, DEL,
//                C1, U+0085, U+2028/U+2029, U+FEFF, U+FFFE/U+FFFF, invalid
//                UTF-8): fuzz/printable.h
//   unchanged    exit 1 but the items / documents on stdout differ from the input
//                (compared whole, down to every scalar: the items of a List
//                inside them are covered without unwrapping it)
//   idempotent   exit 0, not --check: run(stdout) is not exit 0 with the same
//                stdout (results: aside)
//   check        exit 0, not --check: run(stdout) --check reports an error other than an
//                unresolved reference
//   localconfig  exit 0: an object marked local-config (or a Kptfile) differs from its input
//   daemonset    exit 0: a DaemonSet the function changed has maxSurge and maxUnavailable both
//                non-zero (the API server rejects it)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "krm/run.h"
#include "printable.h"
#include "yaml/parse.h"
#include "yaml/tree.h"

namespace {

using zd::fuzz::unprintable;
using zd::yaml::Kind;
using zd::yaml::NodeId;
using zd::yaml::Tree;

struct Skips {
  bool exception = false, exit = false, empty = false, reparse = false, printable = false,
       unchanged = false, idempotent = false, check = false, localconfig = false, daemonset = false;
};

Skips readSkips() {
  Skips s;
  const char* env = std::getenv("ZD_FUZZ_SKIP");
  if (!env) return s;
  std::string_view v(env);
  auto has = [&](std::string_view name) {
    size_t pos = 0;
    while (pos <= v.size()) {
      size_t comma = v.find(',', pos);
      std::string_view item = v.substr(pos, comma == std::string_view::npos ? v.npos : comma - pos);
      if (item == name) return true;
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
    return false;
  };
  s.exception = has("exception");
  s.exit = has("exit");
  s.empty = has("empty");
  s.reparse = has("reparse");
  s.printable = has("printable");
  s.unchanged = has("unchanged");
  s.idempotent = has("idempotent");
  s.check = has("check");
  s.localconfig = has("localconfig");
  s.daemonset = has("daemonset");
  return s;
}

const Skips& skips() {
  static const Skips s = readSkips();
  return s;
}

[[noreturn]] void finding(const char* oracle, const std::string& detail,
                          std::string_view out = {}) {
  std::fprintf(stderr, "\n==== zero-downtime fuzz finding: %s\n%s\n", oracle, detail.c_str());
  if (!out.empty()) {
    std::fprintf(stderr, "---- stdout (first 2000 bytes):\n%.*s\n",
                 static_cast<int>(std::min<size_t>(out.size(), 2000)), out.data());
  }
  std::abort();
}

zd::krm::Setting flag(const char* key, const char* where, const char* text) {
  zd::krm::Setting s;
  s.key = key;
  s.where = where;
  s.text = text;
  return s;
}

zd::krm::RunOptions optionsFor(uint8_t b, bool withCheck) {
  zd::krm::RunOptions o;
  static const char* const presets[] = {"alb-ip", "alb-instance", "agic"};
  if ((b & 3) != 3) o.flags.push_back(flag("preset", "--preset", presets[b & 3]));
  if (withCheck) o.flags.push_back(flag("check", "--check", "true"));
  if (b & 0x08) o.flags.push_back(flag("nativeSleep", "--native-sleep", "true"));
  if (b & 0x10) o.flags.push_back(flag("readinessProbePath", "--readiness-probe-path", "/healthz"));
  if (b & 0x20) {
    o.limits.maxDepth = 8;
    o.limits.maxAliasNodes = 64;
    o.limits.maxInputBytes = 4096;
  }
  return o;
}

zd::krm::RunOutput runChecked(std::string_view input, const zd::krm::RunOptions& options) {
  try {
    return zd::krm::run(input, options);
  } catch (const std::exception& e) {
    if (skips().exception) throw;
    finding("exception", std::string("run() threw: ") + e.what());
  }
}

// Would a YAML 1.1 reader (PyYAML, go-yaml v2) or a YAML 1.2 core-schema
// reader type this plain text as other than a string? The resolvers' own
// patterns: the oracle must not call a correct re-quoting a type change.
bool typedByAReader(const std::string& s) {
  static const std::regex typed(
      // null, bool (1.1 incl. y/n and on/off, 1.2 true/false)
      "~|null|Null|NULL|"
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
      // 1.1 int: binary, octal, decimal, hex, sexagesimal; 1.2 octal 0o
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|"
      "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+|0o[0-7]+|[-+]?[0-9]+|"
      // 1.1 float (incl. sexagesimal), 1.2 float, inf, nan
      "[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9][0-9_]*([eE][-+][0-9]+)?|"
      "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|"
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|"
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|"
      // 1.1 timestamp, merge and value keys
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
      "([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?|[0-9]{4}-[0-9]{2}-[0-9]{2}|<<|=");
  return s.empty() || std::regex_match(s, typed);
}

bool isPlainUntagged(const Tree& t, NodeId id) {
  return t.tagOf(id).empty() && t.node(id).style == zd::yaml::Style::Plain;
}

// Same text, and the same type to every reader: a plain and a quoted spelling
// are equal only when no reader types the plain one.
bool sameScalar(const Tree& a, NodeId x, const Tree& b, NodeId y) {
  if (a.str(x) != b.str(y)) return false;
  bool plainX = isPlainUntagged(a, x), plainY = isPlainUntagged(b, y);
  if (plainX && plainY) return true;
  if (plainX != plainY) {
    bool otherIsString = plainX ? b.isString(y) : a.isString(x);
    return otherIsString && !typedByAReader(std::string(a.str(x)));
  }
  return a.tagOf(x) == b.tagOf(y) || (a.isString(x) && b.isString(y));
}

// Same structure, key order, scalar text and string-ness. Null spellings
// (`~`, `null`, ``) count as equal.
bool deepEqual(const Tree& a, NodeId x, const Tree& b, NodeId y, std::string& where) {
  Kind kx = a.kind(x), ky = b.kind(y);
  if (kx != ky) {
    where += " (kind differs)";
    return false;
  }
  if (kx == Kind::Null) return true;
  if (kx == Kind::Scalar) {
    if (sameScalar(a, x, b, y)) return true;
    where += ": \"" + std::string(a.str(x)) + "\" vs \"" + std::string(b.str(y)) + "\"";
    return false;
  }
  if (a.size(x) != b.size(y)) {
    where += " (size differs)";
    return false;
  }
  for (uint32_t i = 0; i < a.size(x); ++i) {
    std::string w = where + "/" + std::to_string(i);
    if (!deepEqual(a, a.kid(x, i), b, b.kid(y, i), w)) {
      where = w;
      return false;
    }
  }
  return true;
}

std::string withoutResults(const std::string& out) {
  if (out.rfind("results:\n", 0) == 0) return "";
  size_t pos = out.rfind("\nresults:\n");
  return pos == std::string::npos ? out : out.substr(0, pos + 1);
}

bool isResourceList(const Tree& t) {
  return t.docs().size() == 1 && t.isMap(t.docs()[0]) &&
         t.str(t.get(t.docs()[0], "kind")) == "ResourceList" &&
         t.isScalar(t.get(t.docs()[0], "kind"));
}

// The objects of a parsed input or output: a ResourceList's items, or a stream's documents.
std::vector<NodeId> objectsOf(const Tree& t) {
  if (!isResourceList(t)) return t.docs();
  std::vector<NodeId> out;
  NodeId items = t.get(t.docs()[0], "items");
  for (uint32_t i = 0; t.isSeq(items) && i < t.size(items); ++i) out.push_back(t.kid(items, i));
  return out;
}

bool isLocalConfigObject(const Tree& t, NodeId o) {
  return t.str(t.get(o, "kind")) == "Kptfile" ||
         t.str(t.at(o, {"metadata", "annotations", "config.kubernetes.io/local-config"})) == "true";
}

// Absent maxSurge is 0 and absent maxUnavailable 1 for a DaemonSet.
bool bothNonZero(const Tree& t, NodeId ds) {
  NodeId ru = t.at(ds, {"spec", "updateStrategy", "rollingUpdate"});
  auto nonZero = [&](const char* key, bool absent) {
    NodeId v = t.get(ru, key);
    if (!t.isScalar(v)) return absent;
    std::string_view s = t.str(v);
    return s != "0" && s != "0%";
  };
  return nonZero("maxSurge", false) && nonZero("maxUnavailable", true);
}

// Invariants of an exit-0 run, object by object against the input.
void checkObjects(std::string_view input, const zd::krm::RunOptions& options, const Tree& outTree,
                  const std::string& out) {
  const Skips& sk = skips();
  Tree inTree;
  if (zd::yaml::parseStream(input, options.limits, inTree)) return;
  std::vector<NodeId> a = objectsOf(inTree), z = objectsOf(outTree);
  if (a.size() != z.size()) return;  // the `unchanged` and `reparse` oracles cover the shape
  for (size_t i = 0; i < a.size(); ++i) {
    std::string where = "object " + std::to_string(i);
    bool same = deepEqual(inTree, a[i], outTree, z[i], where);
    if (!sk.localconfig && !same && inTree.isMap(a[i]) && isLocalConfigObject(inTree, a[i])) {
      finding("localconfig", "a local-config object changed at " + where, out);
    }
    if (!sk.daemonset && !same && outTree.str(outTree.get(z[i], "kind")) == "DaemonSet" &&
        bothNonZero(outTree, z[i])) {
      finding("daemonset",
              "a changed DaemonSet has maxSurge and maxUnavailable both non-zero: " + where, out);
    }
  }
}

void checkOutput(std::string_view input, uint8_t b, const zd::krm::RunOptions& options,
                 const zd::krm::RunOutput& r) {
  const Skips& sk = skips();
  if (!sk.exit && r.exitCode != 0 && r.exitCode != 1)
    finding("exit", "exit code " + std::to_string(r.exitCode));
  if (!sk.empty && r.exitCode == 0 && r.out.empty())
    finding("empty", "exit 0 with an empty stdout");
  if (r.out.empty()) return;
  if (!sk.printable) {
    std::string bad = unprintable(r.out);
    if (!bad.empty()) finding("printable", "stdout holds a " + bad, r.out);
  }
  // Default depth and alias limits (what a second run would use), any size:
  // the tight variant's output legitimately nests deeper than 8.
  zd::yaml::Limits lenient;
  lenient.maxInputBytes = UINT64_MAX;
  Tree outTree;
  if (auto bad = zd::yaml::parseStream(r.out, lenient, outTree)) {
    if (!sk.reparse) finding("reparse", "stdout does not parse again: " + bad->describe(), r.out);
    return;
  }
  if (r.exitCode == 1 && !sk.unchanged) {
    // The input parsed (stdout is not empty), so compare what was handed back.
    Tree inTree;
    if (zd::yaml::parseStream(input, options.limits, inTree)) return;
    std::string where;
    bool same;
    if (isResourceList(inTree) && isResourceList(outTree)) {
      where = "items";
      same = deepEqual(inTree, inTree.get(inTree.docs()[0], "items"), outTree,
                       outTree.get(outTree.docs()[0], "items"), where);
    } else {
      same = inTree.docs().size() == outTree.docs().size();
      where = "document count " + std::to_string(inTree.docs().size()) + " vs " +
              std::to_string(outTree.docs().size());
      for (size_t i = 0; same && i < inTree.docs().size(); ++i) {
        where = "document " + std::to_string(i);
        same = deepEqual(inTree, inTree.docs()[i], outTree, outTree.docs()[i], where);
      }
    }
    if (!same) finding("unchanged", "exit 1 but the objects changed at " + where, r.out);
  }
  if (r.exitCode != 0 || (b & 0x04)) return;
  checkObjects(input, options, outTree, r.out);
  if (!sk.idempotent) {
    zd::krm::RunOutput again = runChecked(r.out, optionsFor(b & ~0x20, false));
    if (again.exitCode != 0)
      finding("idempotent",
              "run(stdout) exits " + std::to_string(again.exitCode) + ":\n" + again.err, r.out);
    if (withoutResults(again.out) != withoutResults(r.out)) {
      finding("idempotent",
              "run(stdout) changes stdout; second stdout:\n" + again.out.substr(0, 2000), r.out);
    }
  }
  if (!sk.check) {
    // On its own output a run has nothing left to change: the only errors a strict check may
    // report are references the input cannot follow (fuzzed inputs rarely hold every Service).
    zd::krm::RunOutput checked = runChecked(r.out, optionsFor(b & ~0x20, true));
    for (const zd::krm::Result& res : checked.results) {
      if (res.severity == zd::krm::Severity::Error && !res.unresolved) {
        finding("check", "run(stdout) --check reports: " + zd::krm::resultLine(res), r.out);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  uint8_t b = data[0];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  zd::krm::RunOptions options = optionsFor(b, (b & 0x04) != 0);
  zd::krm::RunOutput r;
  try {
    r = runChecked(input, options);
  } catch (const std::exception&) {
    return 0;  // ZD_FUZZ_SKIP=exception
  }
  checkOutput(input, b, options, r);
  return 0;
}
