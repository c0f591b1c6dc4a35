#include "krm/run.h"

#include "krm/envelope.h"
#include "transform/transform.h"
#include "yaml/write.h"

namespace zd::krm {
namespace {

// Settings from every source, lowest priority first: functionConfig,
// --config FILE, flags.
std::vector<Setting> collectSettings(const yaml::Tree& tree, const Envelope& env,
                                     const RunOptions& options, yaml::Tree& fileTree,
                                     std::vector<Result>& errors, ConfigSource& source) {
  std::vector<Setting> settings;
  if (env.functionConfig != yaml::kNone) {
    settings = settingsOf(tree, env.functionConfig, errors);
    source.resource = refOf(tree, env.functionConfig);
  }
  if (!options.configFileName.empty()) {
    Result r;
    r.severity = Severity::Error;
    if (auto bad = yaml::parseStream(options.configFileText, options.limits, fileTree)) {
      r.message = "--config " + options.configFileName + ": " + bad->describe();
      errors.push_back(r);
    } else if (fileTree.docs().size() != 1 || !fileTree.isMap(fileTree.docs()[0])) {
      r.message = "--config " + options.configFileName + " must hold exactly one object";
      errors.push_back(r);
    } else if (env.functionConfig != yaml::kNone) {
      r.message = "--config " + options.configFileName +
                  " and a ResourceList functionConfig were both given; use one";
      errors.push_back(r);
    } else {
      settings = settingsOf(fileTree, fileTree.docs()[0], errors);
      source.resource = refOf(fileTree, fileTree.docs()[0]);
    }
  }
  settings.insert(settings.end(), options.flags.begin(), options.flags.end());
  return settings;
}

std::vector<yaml::NodeId> outputObjects(const yaml::Tree& t, const Envelope& env, bool dropLocal) {
  if (!dropLocal) return env.objects;
  std::vector<yaml::NodeId> out;
  for (yaml::NodeId obj : env.objects) {
    if (!isLocalConfig(t, obj)) out.push_back(obj);
  }
  return out;
}

std::string summary(const std::vector<Result>& results) {
  size_t counts[3] = {0, 0, 0};
  for (const Result& r : results) ++counts[static_cast<int>(r.severity)];
  return "zero-downtime: " + std::to_string(counts[0]) + " error(s), " + std::to_string(counts[1]) +
         " warning(s), " + std::to_string(counts[2]) + " info\n";
}

}  // namespace

RunOutput run(std::string_view input, const RunOptions& options) {
  RunOutput result;
  yaml::Tree tree;
  if (auto bad = yaml::parseStream(input, options.limits, tree)) {
    result.err = "zero-downtime: error: input is not usable YAML: " + bad->describe() + "\n";
    result.exitCode = 1;
    return result;
  }
  if (tree.docs().empty()) {
    result.err = "zero-downtime: error: input is empty: expected a ResourceList or a stream of "
                 "Kubernetes objects\n";
    result.exitCode = 1;
    return result;
  }
  std::vector<Result> results;
  Envelope env = readEnvelope(tree, results);
  yaml::Tree fileTree;
  ConfigSource source;
  std::vector<Setting> settings = collectSettings(tree, env, options, fileTree, results, source);
  if (!hasErrors(results)) {
    Config config = buildConfig(settings, source, results);
    if (!hasErrors(results)) {
      transform::transform(tree, env, config, results);
      // An error means the manifests go back exactly as they came: the
      // edits made so far are dropped by reading the input again.
      if (hasErrors(results)) {
        tree = yaml::Tree();
        yaml::parseStream(input, options.limits, tree);
        std::vector<Result> ignored;
        env = readEnvelope(tree, ignored);
      }
    }
  }
  sortResults(results);
  result.exitCode = hasErrors(results) ? 1 : 0;
  result.out.reserve(input.size() + input.size() / 8);
  if (env.isResourceList) {
    appendResults(tree, env.root, results);
    yaml::writeDocument(tree, env.root, result.out);
    for (const Result& r : results) {
      if (r.severity != Severity::Info) result.err += resultLine(r) + "\n";
    }
  } else {
    yaml::writeStream(tree, outputObjects(tree, env, options.dropLocalConfig), result.out);
    for (const Result& r : results) result.err += resultLine(r) + "\n";
  }
  result.err += summary(results);
  result.results = std::move(results);
  return result;
}

}  // namespace zd::krm
