#include "krm/run.h"

#include <algorithm>
#include <optional>

#include "krm/envelope.h"
#include "krm/result_store.h"
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

std::string summary(const ResultStore& results) {
  return "zero-downtime: " + std::to_string(results.count(Severity::Error)) + " error(s), " +
         std::to_string(results.count(Severity::Warning)) + " warning(s), " +
         std::to_string(results.count(Severity::Info)) + " info\n";
}

// Everything but the writing: parse, envelope, config, transform. Whether the run fails is
// known here, before a byte is written: a failed run hands the items back unchanged.
struct Processed {
  yaml::Tree tree;
  Envelope env;
  std::optional<Config> config;
  // Makes each item's edits as it is written; unset when the run stopped before the transform.
  std::optional<transform::Transform> transform;
  ResultStore results;
  std::vector<uint32_t> order;  // of `results`, as sortResults sorts
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
  std::vector<Result> found;  // the envelope's and the config's, few
  p.env = readEnvelope(p.tree, found);
  yaml::Tree fileTree;
  ConfigSource source;
  std::vector<Setting> settings = collectSettings(p.tree, p.env, options, fileTree, found, source);
  if (!hasErrors(found)) {
    p.config = buildConfig(settings, source, found);
    if (!hasErrors(found)) {
      p.results.take(found);
      p.transform.emplace(p.tree, p.env, *p.config, options.inPlaceBudget);
      p.transform->decide(p.results);
    }
  }
  p.results.take(found);  // when an error stopped the run before the transform
  p.order = p.results.sortedOrder();
  p.exitCode = p.results.hasErrors() ? 1 : 0;
}

// The sequences whose elements are items: a ResourceList's, and each List wrapper's.
std::vector<yaml::NodeId> itemSequences(const yaml::Tree& t, const Envelope& env) {
  std::vector<yaml::NodeId> seqs;
  if (env.isResourceList) seqs.push_back(t.get(env.root, "items"));
  for (yaml::NodeId list : env.lists) seqs.push_back(t.get(list, "items"));
  std::sort(seqs.begin(), seqs.end());
  return seqs;
}

// Writes stdout: the document(s), and in a ResourceList the results after them.
void emitOut(Processed& p, const RunOptions& options, const yaml::Sink& plain) {
  if (!p.hasOutput) {
    *plain.out += p.out;
    return;
  }
  // Set whether or not the transform ran, so that items are written alike either way.
  yaml::ItemHook hook;
  hook.seqs = itemSequences(p.tree, p.env);
  hook.before = [&p](yaml::NodeId item) {
    if (p.transform) p.transform->before(item);
  };
  hook.after = [&p](yaml::NodeId item) {
    if (p.transform) p.transform->after(item);
  };
  yaml::Sink sink = plain;
  sink.items = &hook;
  if (p.env.isResourceList) {
    // `results:` is written last, by writeResults: the spec's field, replacing any the input
    // carried.
    p.tree.erase(p.env.root, "results");
    *sink.out += p.tree.headComment(p.env.root);
    yaml::writeDocument(p.tree, p.env.root, sink);
    writeResults(p.results, p.order, plain);
  } else {
    yaml::writeStream(p.tree, outputDocuments(p.tree, p.env, options.dropLocalConfig), sink);
  }
}

// Writes stderr: the results as lines (a ResourceList carries them, so only warnings and
// errors; a stream all of them) and a summary.
void emitErr(const Processed& p, const yaml::Sink& sink) {
  *sink.out += p.err;
  if (!p.hasOutput) return;
  writeResultLines(p.results, p.order, !p.env.isResourceList, sink);
  *sink.out += summary(p.results);
}

// A sink that hands each chunk gathered in `buffer` to `write`, and empties it.
yaml::Sink chunksTo(std::string& buffer, const Writer& write) {
  return yaml::Sink{&buffer, [&write](std::string& chunk) {
                      write(chunk);
                      chunk.clear();
                    }};
}

}  // namespace

RunOutput run(std::string_view input, const RunOptions& options) {
  Processed p;
  process(input, options, nullptr, p);
  RunOutput result;
  result.out.reserve(input.size() + input.size() / 8);
  emitOut(p, options, yaml::Sink{&result.out, nullptr});
  emitErr(p, yaml::Sink{&result.err, nullptr});
  result.exitCode = p.exitCode;
  for (uint32_t i : p.order) result.results.push_back(p.results.result(i));
  return result;
}

int runStreaming(std::string&& input, const RunOptions& options, const Writer& writeOut,
                 const Writer& writeErr) {
  Processed p;
  process(input, options, &input, p);
  // All of stdout, then all of stderr, through one buffer handed on in chunks.
  std::string buffer;
  emitOut(p, options, chunksTo(buffer, writeOut));
  if (!buffer.empty()) writeOut(buffer);
  buffer.clear();
  emitErr(p, chunksTo(buffer, writeErr));
  if (!buffer.empty()) writeErr(buffer);
  return p.exitCode;
}

}  // namespace zd::krm
