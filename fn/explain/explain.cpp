// The explain pipeline: the function's own run() validates (so an invalid input or config gets
// exactly the function's messages), then the input is read again the same way and every
// workload behind the load balancer is evaluated, not rewritten.
#include "explain/explain.h"

#include "krm/envelope.h"
#include "transform/evaluate_all.h"
#include "yaml/parse.h"

namespace zd::explain {
namespace {

// Explaining changes nothing, so check mode (a config's `check: "true"`) must not turn the
// violated rules into errors of the validating run.
krm::RunOptions withoutCheck(const krm::RunOptions& options) {
  krm::RunOptions o = options;
  krm::Setting s;
  s.key = "check";
  s.where = "--check";
  s.text = "false";
  o.flags.push_back(s);
  return o;
}

std::string refName(const krm::ResourceRef& r) {
  return r.namespace_.empty() ? r.name : r.namespace_ + "/" + r.name;
}

std::string errorText(const std::vector<krm::Result>& results) {
  std::string err;
  for (const krm::Result& r : results) {
    if (r.severity == krm::Severity::Error) err += krm::resultLine(r) + "\n";
  }
  return err;
}

}  // namespace

Explanation explanationOf(std::string_view input, const krm::RunOptions& options,
                          std::string& err) {
  const krm::RunOptions opts = withoutCheck(options);
  krm::RunOutput validated = krm::run(input, opts);
  if (validated.exitCode != 0) {
    err = validated.err;
    return {};
  }
  yaml::Tree tree;
  yaml::parseStream(input, opts.limits, tree);
  std::vector<krm::Result> results;
  const krm::Envelope env = krm::readEnvelope(tree, results);
  yaml::Tree fileTree;
  krm::ConfigSource source;
  const std::vector<krm::Setting> settings =
      krm::collectSettings(tree, env, opts, fileTree, results, source);
  const krm::Config config = krm::buildConfig(settings, source, results);
  transform::Evaluations all = transform::evaluateAll(tree, env, config, results);
  if (krm::hasErrors(results)) {
    err = "zero-downtime: error: explain read the input differently from the function:\n" +
          errorText(results);
    return {};
  }
  Explanation x;
  for (size_t i = 0; i < config.presetCount(); ++i)
    x.preset += (i ? "," : "") + std::string(timing::presetName(config.preset(i).preset));
  x.workloadsInScope = all.workloadsInScope;
  for (const transform::TargetEvaluation& te : all.targets) {
    Identity id{te.workload.kind,      te.workload.namespace_, te.workload.name, te.frontDoor.kind,
                refName(te.frontDoor), refName(te.service),    te.containers,    te.probesAdded};
    WorkloadTimeline w = buildTimeline(te.knobs, te.evaluation, id);
    if (config.presetCount() > 1) {
      w.preset = timing::presetName(config.preset(te.lb).preset);
      if (te.behindSeveral) {
        w.notes.push_back(
            "This workload is also behind a load balancer of another preset of the run; the run "
            "writes what each of them needs, the stricter value where both set one, so the "
            "manifests after the run may hold more than this timeline's \"after\" (see the "
            "other preset's timeline)");
      }
    }
    x.workloads.push_back(std::move(w));
  }
  for (const transform::DrainLine& d : all.drains) {
    x.drains.push_back(DrainNote{
        d.workload.kind + " " + (d.workload.namespace_.empty() ? "" : d.workload.namespace_ + "/") +
            d.workload.name,
        d.text});
  }
  krm::sortResults(results);
  for (const krm::Result& r : results) x.notes.push_back(krm::resultLine(r));
  return x;
}

Output explain(std::string_view input, const Options& options) {
  Output o;
  const Explanation x = explanationOf(input, options.run, o.err);
  if (!o.err.empty()) {
    o.exitCode = 1;
    return o;
  }
  o.out = render(x, options.format, options.color);
  return o;
}

}  // namespace zd::explain
