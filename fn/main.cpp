// The only file that touches argv, stdin, stdout, stderr and the exit code.
#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "krm/knob_table.h"
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
  std::vector<std::string> sets;               // --set KEY=VALUE
  bool check = false;
};

// Reads stdin up to the limit plus one byte: a larger input is refused
// without being held in memory.
bool readStdin(uint64_t limit, std::string& out) {
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
    out.append(buf, n);
    if (out.size() > limit) return false;
  }
  return true;
}

void addFlags(CLI::App& app, Cli& cli) {
  app.add_option("--preset", cli.values["preset"], "alb-ip, alb-instance or agic");
  app.add_flag("--check", cli.check, "change nothing; an error result per violated rule, exit 1 if any");
  app.add_option("--config", cli.configFile,
                 "a ZeroDowntimePolicy or ConfigMap file (stream mode, or when no functionConfig)");
  app.add_option("--native-sleep", cli.values["nativeSleep"], "true: write the native preStop sleep action");
  app.add_option("--kubernetes-version", cli.values["kubernetesVersion"], ">= 1.30 implies --native-sleep=true");
  app.add_option("--readiness-probe-path", cli.values["readinessProbePath"],
                 "add an httpGet readiness probe on this path where a serving container has none");
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

int runFunction(Cli& cli) {
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
  std::string input;
  if (!readStdin(cli.run.limits.maxInputBytes, input)) {
    std::cerr << "zero-downtime: error: input is larger than --max-input-bytes ("
              << cli.run.limits.maxInputBytes << " bytes); raise it if this input is trusted\n";
    return 1;
  }
  zd::krm::RunOutput out = zd::krm::run(input, cli.run);
  input = std::string();  // release before writing a large output
  std::fwrite(out.err.data(), 1, out.err.size(), stderr);
  if (std::fwrite(out.out.data(), 1, out.out.size(), stdout) != out.out.size() ||
      std::fflush(stdout) != 0) {
    std::cerr << "zero-downtime: error: writing stdout failed\n";
    return 1;
  }
  return out.exitCode;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{kAbout, "zero-downtime"};
  Cli cli;
  addFlags(app, cli);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    return runFunction(cli);
  } catch (const std::exception& e) {
    std::cerr << "zero-downtime: error: " << e.what() << "\n";
    return 1;
  }
}
