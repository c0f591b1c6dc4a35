// The only file that touches argv, stdin, stdout, stderr and the exit code.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "explain/explain.h"
#include "krm/knob_table.h"
#include "krm/read_input.h"
#include "krm/run.h"

namespace {

constexpr const char* kAbout =
    "zero-downtime: a KRM function that makes rolling updates behind AWS ALB and Azure "
    "Application Gateway drop no requests.\n"
    "Reads a ResourceList (kpt, kustomize) or a stream of manifests on stdin; writes it back "
    "with consistent termination and load-balancer timings.";

struct Cli {
  zd::krm::RunOptions run;
  std::string configFile;
  std::map<std::string, std::string> values;  // config key -> flag value
  std::vector<std::string> sets;              // --set KEY=VALUE
  bool check = false;
  bool listConfigKeys = false;
};

// `explain` takes every flag but --check: it never changes anything.
void addFlags(CLI::App& app, Cli& cli, bool withCheck = true) {
  app.add_option("--preset", cli.values["preset"], "alb-ip, alb-instance or agic");
  if (withCheck) {
    app.add_flag("--check", cli.check,
                 "change nothing; an error result per change a run would make, exit 1 if any");
  }
  app.add_option("--config", cli.configFile,
                 "a ZeroDowntimePolicy or ConfigMap file (stream mode, or when no functionConfig)");
  app.add_option("--native-sleep", cli.values["nativeSleep"],
                 "true: write the native preStop sleep action");
  app.add_option("--kubernetes-version", cli.values["kubernetesVersion"],
                 ">= 1.30 implies --native-sleep=true");
  app.add_option("--readiness-probe-path", cli.values["readinessProbePath"],
                 "add an httpGet readiness probe on this path where a serving container has none");
  app.add_option(
      "--default-ingress-class", cli.values["defaultIngressClass"],
      "true: the preset's IngressClass is the cluster's default, so an Ingress without a "
      "class is in scope");
  app.add_option(
      "--partial-input", cli.values["partialInput"],
      "true: the input is partial on purpose; in check mode a backend, action or workload "
      "not in the input is a warning, not an error");
  for (const zd::krm::KnobField& f : zd::krm::knobFields()) {
    app.add_option("--" + zd::krm::kebab(f.name), cli.values[f.name], f.help);
  }
  app.add_option("--set", cli.sets,
                 "KEY=VALUE for any config key; the key matches without regard to case "
                 "(Argo CD passes parameters upper-cased)");
  app.add_flag("--drop-local-config", cli.run.dropLocalConfig,
               "stream mode: leave Kptfiles and local-config objects out of the output");
  auto& lim = cli.run.limits;
  app.add_option("--max-input-bytes", lim.maxInputBytes, "refuse larger input (default 256 MiB)");
  app.add_option("--max-depth", lim.maxDepth, "refuse deeper nesting (default 256)");
  app.add_option("--max-alias-nodes", lim.maxAliasNodes,
                 "refuse input whose aliases expand to more nodes (default 100000)");
}

// "PRESTOPSECONDS" -> "preStopSeconds": the config key equal without case.
std::string canonicalKey(const std::string& key) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (const std::string& k : zd::krm::configKeys()) {
    if (lower(k) == lower(key)) return k;
  }
  return key;  // unknown: the config decoder names it in its error
}

void collectFlagSettings(Cli& cli) {
  for (const auto& [key, value] : cli.values) {
    if (value.empty()) continue;
    zd::krm::Setting s;
    s.key = key;
    s.where = "--" + zd::krm::kebab(key);
    s.text = value;
    cli.run.flags.push_back(s);
  }
  for (const std::string& kv : cli.sets) {
    size_t eq = kv.find('=');
    zd::krm::Setting s;
    s.key = canonicalKey(kv.substr(0, eq));
    s.where = "--set " + kv.substr(0, eq);
    s.text = eq == std::string::npos ? "" : kv.substr(eq + 1);
    cli.run.flags.push_back(s);
  }
  if (cli.check) {
    zd::krm::Setting s;
    s.key = "check";
    s.where = "--check";
    s.text = "true";
    cli.run.flags.push_back(s);
  }
}

// --config FILE and stdin; 0, or the exit code after a message on stderr.
int readInputs(Cli& cli, std::string& input) {
  if (!cli.configFile.empty()) {
    std::ifstream f(cli.configFile, std::ios::binary);
    if (!f) {
      std::cerr << "zero-downtime: error: --config " << cli.configFile << ": cannot be read\n";
      return 1;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    cli.run.configFileText = ss.str();
    cli.run.configFileName = cli.configFile;
  }
  collectFlagSettings(cli);
  switch (zd::krm::readLimited(stdin, cli.run.limits.maxInputBytes, input)) {
    case zd::krm::ReadStatus::Ok:
      return 0;
    case zd::krm::ReadStatus::TooLarge:
      std::cerr << "zero-downtime: error: input is larger than --max-input-bytes ("
                << cli.run.limits.maxInputBytes << " bytes); raise it if this input is trusted\n";
      return 1;
    case zd::krm::ReadStatus::Failed:
      std::cerr << "zero-downtime: error: reading stdin failed: " << std::strerror(errno) << "\n";
      return 1;
  }
  return 1;
}

// stdout, then stderr, are written in chunks as the tree and the results are walked: a large
// input is never held as input, tree and output at once.
int runFunction(Cli& cli) {
  std::string input;
  if (int code = readInputs(cli, input)) return code;
  bool writeFailed = false;
  int code = zd::krm::runStreaming(
      std::move(input), cli.run,
      [&](std::string_view chunk) {
        writeFailed =
            writeFailed || std::fwrite(chunk.data(), 1, chunk.size(), stdout) != chunk.size();
      },
      [](std::string_view chunk) { std::fwrite(chunk.data(), 1, chunk.size(), stderr); });
  if (writeFailed || std::fflush(stdout) != 0) {
    std::cerr << "zero-downtime: error: writing stdout failed\n";
    return 1;
  }
  return code;
}

// The keys --set and every config form accept, one per line: scripts (the
// Argo CD plugin) match names against them instead of keeping a copy.
int listConfigKeys() {
  std::string out;
  for (const std::string& k : zd::krm::configKeys()) out += k + "\n";
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::cerr << "zero-downtime: error: writing stdout failed\n";
    return 1;
  }
  return 0;
}

constexpr const char* kExplainAbout =
    "Print, for each workload behind the load balancer, what happens second by second when a "
    "pod is replaced, for the manifests as they are and as the function would write them, and "
    "which rule holds or breaks. Same stdin and config as the function; changes nothing. Exit 0, "
    "or 1 when the function would refuse the input or config.";

int runExplain(Cli& cli, const std::string& format) {
  zd::explain::Options options;
  zd::explain::parseFormat(format, options.format);  // CLI11 checked the name
  std::string input;
  if (int code = readInputs(cli, input)) return code;
  options.run = cli.run;
  // Colour only for a person at a terminal (and never under NO_COLOR, no-color.org).
  options.color = options.format == zd::explain::Format::Text && isatty(fileno(stdout)) &&
                  std::getenv("NO_COLOR") == nullptr;
  zd::explain::Output out = zd::explain::explain(input, options);
  std::fwrite(out.err.data(), 1, out.err.size(), stderr);
  if (std::fwrite(out.out.data(), 1, out.out.size(), stdout) != out.out.size() ||
      std::fflush(stdout) != 0) {
    std::cerr << "zero-downtime: error: writing stdout failed\n";
    return 1;
  }
  return out.exitCode;
}

bool mentions(int argc, char** argv, std::string_view word) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i] == word) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{kAbout, "zero-downtime"};
  Cli cli;
  addFlags(app, cli);
  app.add_flag("--list-config-keys", cli.listConfigKeys,
               "print every config key, one per line, and exit (reads no input)");
  // The version pipelines pin (image tag, binary): rendered output may change between releases.
  app.set_version_flag("--version", "zero-downtime " ZD_VERSION);
  // The image and the release tarball hold no docs: name where they are, for this version.
  app.footer("Documentation: " ZD_HOMEPAGE "/tree/v" ZD_VERSION
             "/docs (README.md at the top); every config key, rule id and result is described "
             "there.");
  // The subcommand binds the same variables, so a flag works before or after `explain`.
  std::string format = "text";
  CLI::App* explain = app.add_subcommand("explain", kExplainAbout);
  explain->add_option("--format", format, "text (default), markdown, json or svg")
      ->check(CLI::IsMember({"text", "markdown", "json", "svg"}));
  // Its copy of the flags only when asked for: registering them costs a fifth
  // of a small render's time (CLI11 checks each new name against all others).
  if (mentions(argc, argv, "explain")) addFlags(*explain, cli, false);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (cli.listConfigKeys) return listConfigKeys();
    if (explain->parsed()) return runExplain(cli, format);
    return runFunction(cli);
  } catch (const std::exception& e) {
    std::cerr << "zero-downtime: error: " << e.what() << "\n";
    return 1;
  }
}
