// The only file that touches argv, stdin, stdout, stderr and the exit code.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "adapters/registry.h"
#include "explain/explain.h"
#include "krm/config_docs.h"
#include "krm/config_keys.h"
#include "krm/config_options.h"
#include "krm/config_schema.h"
#include "krm/config_sections.h"
#include "krm/knob_table.h"
#include "krm/read_input.h"
#include "krm/run.h"

namespace {

constexpr const char* kAbout =
    "zero-downtime: a KRM function that makes rolling updates behind AWS ALB and NLB, Azure "
    "Application Gateway and Application Gateway for Containers, and GKE's container-native "
    "load balancing drop no requests, through "
    "Ingresses, Services and Gateway API routes.\n"
    "Reads a ResourceList (kpt, kustomize) or a stream of manifests on stdin; writes it back "
    "with consistent termination and load-balancer timings.";

struct Cli {
  zd::krm::RunOptions run;
  std::string configFile;
  std::map<std::string, std::string> values;  // config key -> flag value
  std::vector<std::string> sets;              // --set KEY=VALUE
  bool check = false;
  bool listConfigKeys = false;
  std::string printSchema;      // hidden: policy or configmap
  bool printKeyTables = false;  // hidden
};

constexpr const char* kQualifiedFlags =
    "; with several, --<preset>.<flag> sets a key for that preset only "
    "(--agic.draining-timeout-seconds)";

// The keys --help lists, one section per knob group: the shared pod side first, then each
// adapter's (krm/config_sections.h).
void addKnobFlags(CLI::App& app, Cli& cli) {
  for (const zd::krm::KnobSection& section : zd::krm::knobSections()) {
    for (const zd::krm::KnobField* f : zd::krm::knobsOf(section.group)) {
      app.add_option("--" + zd::krm::kebab(f->name), cli.values[f->name], f->help)
          ->group(section.title);
    }
  }
}

// --agic.draining-timeout-seconds and the like: every knob for every preset, so that a flag
// reaches the config decoder as its ConfigMap key would (a preset not in the run, or one without
// the knob's group, is a warning there). Hidden: --help would list each key once per preset.
void addQualifiedFlags(CLI::App& app, Cli& cli) {
  for (zd::timing::PresetId p : zd::adapters::allPresets()) {
    const std::string preset = zd::timing::presetName(p);
    for (const zd::krm::KnobField& f : zd::krm::knobFields()) {
      app.add_option("--" + preset + "." + zd::krm::kebab(f.name),
                     cli.values[preset + "." + f.name])
          ->group("");
    }
  }
}

// `explain` takes every flag but --check: it never changes anything.
void addFlags(CLI::App& app, Cli& cli, bool withCheck = true) {
  auto optionHelp = [](const char* key) { return std::string(zd::krm::findOption(key)->help); };
  app.add_option("--preset", cli.values["preset"], optionHelp("preset") + kQualifiedFlags);
  if (withCheck) app.add_flag("--check", cli.check, optionHelp("check"));
  app.add_option("--config", cli.configFile,
                 "a ZeroDowntimePolicy or ConfigMap file (stream mode, or when no functionConfig)");
  for (const char* key :
       {"nativeSleep", "kubernetesVersion", "shellLessImages", "readinessProbePath",
        "defaultIngressClass", "partialInput", "createPodDisruptionBudgets",
        "podDisruptionBudgetMaxUnavailable", "evictionNoticeSeconds"}) {
    app.add_option("--" + zd::krm::kebab(key), cli.values[key], optionHelp(key));
  }
  app.add_option("--set", cli.sets,
                 "KEY=VALUE for any config key, also <preset>.KEY; the key matches without regard "
                 "to case (Argo CD passes parameters upper-cased)");
  // Hidden, for tests: the output must not depend on it.
  app.add_option("--in-place-budget", cli.run.inPlaceBudget)->group("");
  app.add_flag("--drop-local-config", cli.run.dropLocalConfig,
               "stream mode: leave Kptfiles and local-config objects out of the output");
  auto& lim = cli.run.limits;
  app.add_option("--max-input-bytes", lim.maxInputBytes, "refuse larger input (default 256 MiB)");
  app.add_option("--max-depth", lim.maxDepth, "refuse deeper nesting (default 256)");
  app.add_option("--max-alias-nodes", lim.maxAliasNodes,
                 "refuse input whose aliases expand to more nodes (default 100000)");
  addKnobFlags(app, cli);
  addQualifiedFlags(app, cli);
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
    s.key = zd::krm::canonicalKey(kv.substr(0, eq));
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

int printOut(const std::string& out) {
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::cerr << "zero-downtime: error: writing stdout failed\n";
    return 1;
  }
  return 0;
}

// The keys --set and every config form accept, one per line: scripts (the
// Argo CD plugin) match names against them instead of keeping a copy.
int listConfigKeys() {
  std::string out;
  for (const std::string& k : zd::krm::configKeys()) out += k + "\n";
  return printOut(out);
}

// The texts generated from the knob and option tables, which the repository commits:
// schemas/*.schema.json and docs/configuration.md's key tables (tests/generated.sh).
void addGeneratedFlags(CLI::App& app, Cli& cli) {
  app.add_option("--print-schema", cli.printSchema)
      ->check(CLI::IsMember({"policy", "configmap"}))
      ->group("");
  app.add_flag("--print-key-tables", cli.printKeyTables)->group("");
}

int printGenerated(const Cli& cli) {
  if (cli.printKeyTables) return printOut(zd::krm::keyTables());
  return printOut(zd::krm::configSchema(
      cli.printSchema == "policy" ? zd::krm::ConfigForm::Policy : zd::krm::ConfigForm::ConfigMap));
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
  addGeneratedFlags(app, cli);
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
    // --help and --version end parsing with a "success" that exits 0. Every other command-line
    // error exits 1, as every failure of a KRM function must (CLI11's own codes run to 100+).
    const int code = app.exit(e);
    return code == 0 ? 0 : 1;
  }
  try {
    if (cli.listConfigKeys) return listConfigKeys();
    if (cli.printKeyTables || !cli.printSchema.empty()) return printGenerated(cli);
    if (explain->parsed()) return runExplain(cli, format);
    return runFunction(cli);
  } catch (const std::exception& e) {
    std::cerr << "zero-downtime: error: " << e.what() << "\n";
    return 1;
  }
}
