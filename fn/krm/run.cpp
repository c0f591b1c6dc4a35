#include "krm/run.h"

#include "krm/envelope.h"
#include "transform/transform.h"
#include "yaml/write.h"

namespace zd::krm {

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

namespace {

// Stream mode's documents, less Kptfiles and local-config objects under
// --drop-local-config: those inside a list wrapper leave the list, which
// stays (Argo CD applies a List's items as it applies documents).
std::vector<yaml::NodeId> outputDocuments(yaml::Tree& t, const Envelope& env, bool dropLocal) {
  if (!dropLocal) return t.docs();
  auto local = [&](yaml::NodeId obj) { return isLocalConfig(t, obj); };
  for (yaml::NodeId list : env.lists) {
    yaml::NodeId items = t.get(list, "items");
    if (t.isSeq(items)) t.removeKidsIf(items, local);
  }
  std::vector<yaml::NodeId> out;
  for (yaml::NodeId doc : t.docs()) {
    if (!local(doc)) out.push_back(doc);
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

namespace {

// Everything but the writing: parse, envelope, config, transform.
struct Processed {
  yaml::Tree tree;
  Envelope env;
  std::vector<Result> results;
  std::string err;
  int exitCode = 0;
  bool hasOutput = false;  // false: no tree to write (input unusable, or without objects)
  std::string out;         // stdout when there is no tree to write
};

// `release`, when given, is the input's storage: freed once parsed, since
// the tree holds every byte it needs from then on.
void process(std::string_view input, const RunOptions& options, std::string* release,
             Processed& p) {
  if (auto bad = yaml::parseStream(input, options.limits, p.tree)) {
    p.err = "zero-downtime: error: input is not usable YAML: " + bad->describe() + "\n";
    p.exitCode = 1;
    return;
  }
  if (release) std::string().swap(*release);
  if (p.tree.docs().empty()) {
    // No objects in, none out, and no failure: Helm hands its post-renderer an empty stdin for a
    // chart whose templates are all switched off or hooks. The comment keeps stdout from being
    // empty, which Helm 4 refuses; kpt and kustomize always send a ResourceList, never this.
    p.out = "# zero-downtime: no objects in the input\n";
    p.err =
        "zero-downtime: no objects on stdin, nothing to do (it reads a ResourceList or a stream "
        "of Kubernetes objects; see --help)\n";
    return;
  }
  p.hasOutput = true;
  p.env = readEnvelope(p.tree, p.results);
  yaml::Tree fileTree;
  ConfigSource source;
  std::vector<Setting> settings =
      collectSettings(p.tree, p.env, options, fileTree, p.results, source);
  if (!hasErrors(p.results)) {
    Config config = buildConfig(settings, source, p.results);
    if (!hasErrors(p.results)) transform::transform(p.tree, p.env, config, p.results);
  }
  sortResults(p.results);
  p.exitCode = hasErrors(p.results) ? 1 : 0;
}

// Writes the document(s) through `sink`; the results go into the
// ResourceList, or as lines on stderr in stream mode.
void emit(Processed& p, const RunOptions& options, const yaml::Sink& sink) {
  if (!p.hasOutput) {
    *sink.out += p.out;
    return;
  }
  if (p.env.isResourceList) {
    // `results:` is written last, from a tree of its own: the spec's field,
    // replacing any the input carried.
    p.tree.erase(p.env.root, "results");
    *sink.out += p.tree.headComment(p.env.root);
    yaml::writeDocument(p.tree, p.env.root, sink);
    writeResults(p.results, sink);
    for (const Result& r : p.results) {
      if (r.severity != Severity::Info) p.err += resultLine(r) + "\n";
    }
  } else {
    yaml::writeStream(p.tree, outputDocuments(p.tree, p.env, options.dropLocalConfig), sink);
    for (const Result& r : p.results) p.err += resultLine(r) + "\n";
  }
  p.err += summary(p.results);
}

}  // namespace

RunOutput run(std::string_view input, const RunOptions& options) {
  Processed p;
  process(input, options, nullptr, p);
  RunOutput result;
  result.out.reserve(input.size() + input.size() / 8);
  emit(p, options, yaml::Sink{&result.out, nullptr});
  result.err = std::move(p.err);
  result.exitCode = p.exitCode;
  result.results = std::move(p.results);
  return result;
}

int runStreaming(std::string&& input, const RunOptions& options,
                 const std::function<void(std::string_view)>& writeOut, std::string& err) {
  Processed p;
  process(input, options, &input, p);
  std::string buffer;
  emit(p, options, yaml::Sink{&buffer, [&](std::string& chunk) {
                                writeOut(chunk);
                                chunk.clear();
                              }});
  if (!buffer.empty()) writeOut(buffer);
  err = std::move(p.err);
  return p.exitCode;
}

}  // namespace zd::krm
