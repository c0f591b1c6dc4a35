// Unit tests of `explain` (fn/explain/): the timeline model agrees with the timing model, the
// renderers keep their promises (80 columns, colour only when asked, JSON that parses, a
// self-contained SVG), and the pipeline fails exactly where the function does.
#include "explain/explain.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>
#include <vector>

#include "explain/render_util.h"
#include "explain/timeline.h"
#include "krm/config.h"
#include "test_support.h"

namespace zd::explain {
namespace {

using timing::ObservedAlb;
using timing::ObservedContainer;
using timing::ObservedProbe;
using timing::PreStopKind;

krm::Setting flag(const std::string& key, const std::string& value) {
  krm::Setting s;
  s.key = key;
  s.where = "--" + key;
  s.text = value;
  return s;
}

// The real preset, read the way the function reads it.
timing::Knobs knobs(const std::string& preset) {
  std::vector<krm::Result> errors;
  krm::Config c = krm::buildConfig({flag("preset", preset)}, krm::ConfigSource{}, errors);
  EXPECT_TRUE(errors.empty());
  return c.knobs;
}

krm::RunOptions withPreset(const std::string& preset) {
  krm::RunOptions o;
  o.flags.push_back(flag("preset", preset));
  return o;
}

Identity identity() {
  return Identity{"Deployment", "shop", "web", "Ingress", "shop/web", "shop/web", {"app"}, {}};
}

// One serving container, nothing else written.
timing::Observed bare() {
  timing::Observed o;
  o.containers.push_back(
      ObservedContainer{"app", PreStopKind::None, std::nullopt, std::nullopt, std::nullopt});
  o.namespaceName = "shop";
  o.namespaceInInput = true;
  return o;
}

// What the alb-ip preset asks for (the preset defaults), written out.
timing::Observed goodAlbIp() {
  timing::Observed o = bare();
  o.containers[0].preStop = PreStopKind::ExecSleep;
  o.containers[0].preStopSeconds = 30;
  o.containers[0].readinessProbe = ObservedProbe{true, 10, 1, 3, std::nullopt, std::nullopt};
  o.terminationGracePeriodSeconds = 50;
  o.strategy = timing::StrategyType::RollingUpdate;
  o.maxSurge = timing::IntOrPercent{25, true};
  o.maxUnavailable = timing::IntOrPercent{0, false};
  o.minReadySeconds = 0;
  o.progressDeadlineSeconds = 600;
  o.replicas = 3;
  o.namespaceGateLabel = true;
  o.alb = ObservedAlb{"ip", 30, 0, std::nullopt, 10, 5, 2, 2, 60, false};
  return o;
}

// Broken in many ways the function fixes: no hook, default grace, LB defaults, no gate label.
timing::Observed fixable() {
  timing::Observed o = bare();
  o.containers[0].readinessProbe =
      ObservedProbe{true, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  return o;
}

WorkloadTimeline timelineOf(const std::string& preset, const timing::Observed& o) {
  const timing::Knobs k = knobs(preset);
  return buildTimeline(k, timing::evaluate(k, o), identity());
}

std::optional<int64_t> at(const State& s, const std::string& id) {
  const Event* e = detail::findEvent(s, id);
  EXPECT_NE(e, nullptr) << id;
  return e ? e->t : std::nullopt;
}

const Rule* rule(const State& s, const std::string& id) {
  for (const Rule& r : s.rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// The timeline model

TEST(Timeline, CorrectAlbIpManifestFollowsTheReadingOfSection7) {
  const WorkloadTimeline w = timelineOf("alb-ip", goodAlbIp());
  for (const State* s : {&w.before, &w.after}) {
    EXPECT_EQ(s->broken(), 0u);
    EXPECT_EQ(at(*s, "deleted"), 0);
    EXPECT_EQ(at(*s, "lb-stops"), 15);       // E
    EXPECT_EQ(at(*s, "draining-ends"), 45);  // E + D
    EXPECT_EQ(at(*s, "sigterm"), 30);        // P
    EXPECT_EQ(at(*s, "shutdown-ends"), 45);  // P + S
    EXPECT_EQ(at(*s, "sigkill"), 50);        // G
    // Behind the readiness gate the pod is Ready once the target is healthy: Rp + E_reg + HI + HT.
    EXPECT_EQ(at(*s, "lb-healthy"), 10 + 10 + 10 + 5);
    EXPECT_EQ(at(*s, "pod-ready"), 35);
    EXPECT_EQ(at(*s, "old-removed"), 35);
  }
  EXPECT_TRUE(w.changes.empty());
}

TEST(Timeline, BrokenBeforeFixedAfter) {
  const WorkloadTimeline w = timelineOf("alb-ip", fixable());
  EXPECT_EQ(w.after.broken(), 0u);
  ASSERT_NE(rule(w.before, "K1"), nullptr);
  EXPECT_FALSE(rule(w.before, "K1")->holds);
  EXPECT_EQ(rule(w.before, "K1")->severity, "error");
  EXPECT_TRUE(rule(w.after, "K1")->holds);
  // No hook: SIGTERM at deletion, while the LB still sends; the function sleeps 30 s.
  EXPECT_EQ(at(w.before, "sigterm"), 0);
  EXPECT_EQ(at(w.after, "sigterm"), 30);
  EXPECT_FALSE(detail::findEvent(w.before, "sigterm")->broken.empty());
  EXPECT_TRUE(detail::findEvent(w.after, "sigterm")->broken.empty());
  EXPECT_GE(w.before.broken(), 4u);
  EXPECT_FALSE(w.changes.empty());
}

TEST(Timeline, SourcesNameTheSettingAndItsOrigin) {
  const WorkloadTimeline w = timelineOf("alb-ip", bare());
  const Quantity* gb = w.before.quantity("G");
  const Quantity* ga = w.after.quantity("G");
  ASSERT_TRUE(gb && ga);
  EXPECT_EQ(gb->source(), "terminationGracePeriodSeconds (default)");
  EXPECT_EQ(ga->origin, "function");
  EXPECT_EQ(ga->value, 50);
  EXPECT_EQ(w.before.quantity("E")->source(), "lbPropagationSeconds (config)");
  EXPECT_TRUE(w.before.quantity("E")->estimate);
  const Event* kill = detail::findEvent(w.before, "sigkill");
  EXPECT_EQ(w.before.sourceOf(*kill), "terminationGracePeriodSeconds (default)");
}

TEST(Timeline, BothStatesListTheSameRulesInTheSameOrder) {
  for (const char* preset : {"alb-ip", "alb-instance", "agic"}) {
    const WorkloadTimeline w = timelineOf(preset, bare());
    ASSERT_EQ(w.before.rules.size(), w.after.rules.size()) << preset;
    for (size_t i = 0; i < w.before.rules.size(); ++i) {
      EXPECT_EQ(w.before.rules[i].id, w.after.rules[i].id);
      EXPECT_EQ(w.before.rules[i].field, w.after.rules[i].field);
      EXPECT_FALSE(w.before.rules[i].reason.empty()) << w.before.rules[i].id;
      EXPECT_EQ(w.before.rules[i].reason.find('\n'), std::string::npos);
    }
  }
}

// check() decides: every violation is a broken row, and a holding row has no violation.
TEST(Timeline, RulesAgreeWithCheck) {
  std::vector<timing::Observed> manifests = {bare(), goodAlbIp()};
  timing::Observed odd = goodAlbIp();
  odd.strategy = timing::StrategyType::Recreate;
  odd.containers[0].preStop = PreStopKind::Other;
  odd.containers[0].preStopSeconds.reset();
  odd.alb.healthCheckTimeoutSeconds = 10;
  manifests.push_back(odd);
  for (const char* preset : {"alb-ip", "alb-instance", "agic"}) {
    const timing::Knobs k = knobs(preset);
    for (const timing::Observed& o : manifests) {
      const timing::Evaluation ev = timing::evaluate(k, o);
      const WorkloadTimeline w = buildTimeline(k, ev, identity());
      for (const auto& [state, violations] : {std::make_pair(&w.before, &ev.violationsBefore),
                                              std::make_pair(&w.after, &ev.violationsAfter)}) {
        for (const timing::Violation& v : *violations) {
          auto it = std::find_if(state->rules.begin(), state->rules.end(), [&](const Rule& r) {
            return r.id == v.id && r.field == v.field.text();
          });
          ASSERT_NE(it, state->rules.end()) << preset << " " << v.message;
          EXPECT_FALSE(it->holds) << v.message;
        }
        for (const Rule& r : state->rules) {
          if (!r.holds) continue;
          EXPECT_TRUE(std::none_of(violations->begin(), violations->end(),
                                   [&](const timing::Violation& v) {
                                     return v.id == r.id &&
                                            (r.field.empty() || v.field.text() == r.field);
                                   }))
              << preset << " " << r.id;
        }
      }
    }
  }
}

TEST(Timeline, APreStopThatIsNotASleepHasNoTime) {
  timing::Observed o = goodAlbIp();
  o.containers[0].preStop = PreStopKind::Other;
  o.containers[0].preStopSeconds.reset();
  const WorkloadTimeline w = timelineOf("alb-ip", o);
  for (const State* s : {&w.before, &w.after}) {
    EXPECT_FALSE(at(*s, "sigterm").has_value());
    EXPECT_FALSE(rule(*s, "Z2")->holds);
  }
  EXPECT_NE(rule(w.after, "Z2")->reason.find("not fixed"), std::string::npos);
}

TEST(Timeline, ContainersThatSleepDifferentlyGetOneSigtermEach) {
  timing::Observed o = goodAlbIp();
  o.containers.push_back(o.containers[0]);
  o.containers[1].name = "api";
  o.containers[1].preStopSeconds = 60;
  const WorkloadTimeline w = timelineOf("alb-ip", o);
  EXPECT_EQ(at(w.before, "sigterm:app"), 30);
  EXPECT_EQ(at(w.before, "sigterm:api"), 60);
  EXPECT_NE(w.before.quantity("P[api]"), nullptr);
}

TEST(Timeline, AgicDrainingOffCutsInFlightRequestsAtE) {
  const WorkloadTimeline w = timelineOf("agic", bare());
  EXPECT_EQ(at(w.before, "draining-ends"), at(w.before, "lb-stops"));
  EXPECT_EQ(w.before.quantity("C")->shown, "off");
  EXPECT_EQ(at(w.after, "draining-ends"), 60 + 30);  // E + C
  EXPECT_FALSE(detail::findEvent(w.before, "draining-ends")->broken.empty());
}

TEST(Timeline, RecreateRemovesTheOldPodFirstAndStaysBroken) {
  timing::Observed o = goodAlbIp();
  o.strategy = timing::StrategyType::Recreate;
  const WorkloadTimeline w = timelineOf("alb-ip", o);
  EXPECT_EQ(at(w.after, "old-removed"), 0);
  EXPECT_FALSE(rule(w.after, "Z1")->holds);
  EXPECT_FALSE(detail::findEvent(w.after, "old-removed")->broken.empty());
}

// ---------------------------------------------------------------------------------------------
// Renderers

Explanation sample(const timing::Observed& o, const std::string& preset = "alb-ip") {
  Explanation x;
  x.preset = preset;
  x.workloadsInScope = 1;
  x.workloads.push_back(timelineOf(preset, o));
  return x;
}

TEST(Render, TextFitsEightyColumnsAndHasNoColourUnlessAsked) {
  for (const timing::Observed& o : {bare(), goodAlbIp()}) {
    for (const char* preset : {"alb-ip", "alb-instance", "agic"}) {
      const std::string text = renderText(sample(o, preset), false);
      EXPECT_EQ(text.find('\x1b'), std::string::npos);
      size_t start = 0;
      while (start < text.size()) {
        const size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end - start);
        EXPECT_LE(detail::width(line), 80u) << preset << ": " << line;
        start = end + 1;
      }
    }
  }
  EXPECT_NE(renderText(sample(bare()), true).find("\x1b[31m"), std::string::npos);
}

TEST(Render, JsonParsesWithItsKeysInOrder) {
  const std::string json = renderJson(sample(fixable()));
  YAML::Node n = YAML::Load(json);  // JSON is YAML 1.2
  ASSERT_TRUE(n.IsMap());
  std::vector<std::string> keys;
  for (const auto& kv : n) keys.push_back(kv.first.Scalar());
  EXPECT_EQ(keys, (std::vector<std::string>{"preset", "workloadsInScope", "summary", "workloads",
                                            "notes"}));
  EXPECT_EQ(n["workloads"][0]["before"]["events"][0]["id"].Scalar(), "deleted");
  EXPECT_EQ(n["summary"]["brokenAfter"].as<int>(), 0);
  EXPECT_GT(n["summary"]["brokenBefore"].as<int>(), 0);
}

TEST(Render, MarkdownHasATablePerWorkload) {
  const std::string md = renderMarkdown(sample(fixable()));
  EXPECT_NE(md.find("### Deployment `shop/web`"), std::string::npos);
  EXPECT_NE(md.find("| event | as is (s) | after (s) | formula | from |"), std::string::npos);
  EXPECT_NE(md.find("| **K1** | ❌ error | ✅ holds |"), std::string::npos);
}

TEST(Render, SvgIsSelfContainedAndMarksBrokenRulesRed) {
  const std::string svg = renderSvg(sample(fixable()));
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("</svg>\n"), std::string::npos);
  for (const char* outside : {"<script", "href", "@import", "url("}) {
    EXPECT_EQ(svg.find(outside), std::string::npos) << outside;
  }
  const size_t before = svg.find("id=\"w0-before\"");
  const size_t after = svg.find("id=\"w0-after\"");
  ASSERT_NE(before, std::string::npos);
  ASSERT_NE(after, std::string::npos);
  EXPECT_NE(svg.substr(before, after - before).find("#d62728"), std::string::npos);
  EXPECT_EQ(svg.substr(after).find("#d62728"), std::string::npos);  // every rule holds after
}

// ---------------------------------------------------------------------------------------------
// The pipeline

const char* kDemo = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  ingressClassName: alb
  defaultBackend: {service: {name: web, port: {number: 80}}}
)";

TEST(Pipeline, ExplainsAStreamWithItsPreset) {
  Options o;
  o.run = withPreset("alb-ip");
  const Output out = explain(kDemo, o);
  EXPECT_EQ(out.exitCode, 0) << out.err;
  EXPECT_NE(out.out.find("Deployment shop/web"), std::string::npos);
}

TEST(Pipeline, InvalidInputFailsWithTheFunctionsOwnMessages) {
  const std::string bad = std::string(kDemo) + "---\n[unclosed\n";
  Options o;
  o.run = withPreset("alb-ip");
  const Output out = explain(bad, o);
  EXPECT_EQ(out.exitCode, 1);
  EXPECT_TRUE(out.out.empty());
  EXPECT_EQ(out.err, krm::run(bad, o.run).err);
}

TEST(Pipeline, InvalidConfigFailsWithTheFunctionsOwnMessages) {
  Options o;
  o.run = withPreset("alb-ipp");
  const Output out = explain(kDemo, o);
  EXPECT_EQ(out.exitCode, 1);
  EXPECT_EQ(out.err, krm::run(kDemo, o.run).err);
  EXPECT_NE(out.err.find("alb-ipp"), std::string::npos);
}

TEST(Pipeline, CheckModeInTheConfigDoesNotMakeExplainFail) {
  const std::string list =
      std::string("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n") +
      "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n" +
      "  data: {preset: alb-ip, check: \"true\"}\nitems: []\n";
  const Output out = explain(list, Options{});
  EXPECT_EQ(out.exitCode, 0) << out.err;
}

// Every real-world manifest through every preset: explained, 80 columns, JSON that parses.
TEST(Pipeline, CorpusExplainsUnderEveryPreset) {
  const auto files = test::corpusFiles();
  if (files.empty()) GTEST_SKIP() << test::kNoCorpus;
  for (const char* preset : {"alb-ip", "alb-instance", "agic", "nlb-ip", "nlb-instance"}) {
    for (const std::string& file : files) {
      SCOPED_TRACE(std::string(preset) + " " + file);
      const std::string input = test::readFile(file);
      std::string err;
      const Explanation x = explanationOf(input, withPreset(preset), err);
      ASSERT_TRUE(err.empty()) << err;
      const std::string text = renderText(x, false);
      size_t start = 0, lines = 0;
      while (start < text.size()) {
        const size_t end = text.find('\n', start);
        ASSERT_LE(detail::width(text.substr(start, end - start)), 80u)
            << text.substr(start, end - start);
        start = end + 1;
        ++lines;
      }
      EXPECT_GT(lines, 0u);
      EXPECT_NO_THROW(YAML::Load(renderJson(x)));
      EXPECT_FALSE(renderMarkdown(x).empty());
      EXPECT_NE(renderSvg(x).find("</svg>"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace zd::explain
