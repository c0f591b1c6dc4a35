#include "krm/config_options.h"

#include "krm/config_apply.h"
#include "krm/native_sleep.h"
#include "krm/value_parse.h"

namespace zd::krm {

const std::vector<OptionField>& optionFields() {
  static const std::vector<OptionField> fields = {
      {"preset", OptionType::Presets,
       "the load balancer's preset, alb-ip, alb-instance, agic, nlb-ip, nlb-instance, agc or "
       "gke-neg; "
       "several "
       "comma-separated (alb-ip,agic)",
       "The load balancers in front of the workloads: alb-ip, alb-instance, agic, nlb-ip, "
       "nlb-instance, agc or gke-neg, or several "
       "separated by commas (alb-ip,agic; in a ZeroDowntimePolicy also a list), at most one per "
       "adapter; picks every default below (presets/<name>.yaml, embedded in the binary). "
       "Required here; the function also accepts it from --preset.",
       "required"},
      {"check", OptionType::Bool,
       "change nothing; an error result per change a run would make, exit 1 if any",
       "Check mode: change nothing; an error result per change a run would make (and per "
       "reference it cannot follow), exit 1 if any.",
       "false"},
      {"nativeSleep", OptionType::Bool,
       "false: write new preStop hooks as exec sleep (clusters below 1.30) instead of the native "
       "sleep action",
       "Write a new preStop hook as the native sleep action (sleep: {seconds: N}, on by default "
       "from Kubernetes 1.30; no sleep binary needed in the image). false writes exec: "
       "[\"sleep\", \"N\"], which fails in an image without a shell or sleep (distroless, "
       "scratch). An existing hook keeps its form either way. Set, it wins over what "
       "kubernetesVersion implies, whichever comes first; true with a kubernetesVersion below 1.30 "
       "is a config error (such a cluster rejects the action).",
       "true"},
      {"kubernetesVersion", OptionType::KubernetesVersion, "< 1.30 implies --native-sleep=false",
       "Version of the target cluster, such as \"1.31\"; below 1.30 implies nativeSleep: false "
       "(new hooks are exec sleeps) unless nativeSleep is set; below 1.27 the "
       "PodDisruptionBudgets the function creates leave out unhealthyPodEvictionPolicy. Quote it "
       "in YAML (1.30 unquoted is "
       "the number 1.3).",
       "unset"},
      {"shellLessImages", OptionType::ImagePrefixes,
       "prefixes of your image names whose images have no shell or sleep (comma-separated): an "
       "exec preStop sleep there is a warning (K9)",
       "Prefixes of image names, as the manifests write them (registry.example.com/base/), whose "
       "images have no shell and no sleep binary: built FROM scratch, or on a distroless base "
       "under your own name. An exec preStop sleep in a container whose image starts with one "
       "gets a warning (K9): the hook fails and SIGTERM comes at once. Distroless "
       "(gcr.io/distroless/, but its debug tags) and Chainguard images (cgr.dev/chainguard/, but "
       "the -dev tags and wolfi-base, busybox, bash) are recognised without it.",
       "[]"},
      {"readinessProbePath", OptionType::HttpPath,
       "add an httpGet readiness probe on this path where a serving container has none",
       "HTTP path, starting with /, for an httpGet readiness probe to add where a serving "
       "container has none. The probe targets the port the Service sends traffic to. Unset: such "
       "a container gets a warning (Z3).",
       "unset"},
      {"defaultIngressClass", OptionType::Bool,
       "true: the preset's IngressClass is the cluster's default, so an Ingress without a class "
       "is in scope",
       "Whether the preset's IngressClass is the cluster's default one. true: an Ingress without "
       "any class (the API server gives it the default class when it is created) is in scope; "
       "false: it is another controller's, out of scope without a warning. Only needed when the "
       "default IngressClass is not in the input; one there marked "
       "`ingressclass.kubernetes.io/is-default-class` decides by itself (several marked: a "
       "warning). Unset and without one, a classless Ingress gets a warning.",
       "unset"},
      {"partialInput", OptionType::Bool,
       "true: the input is partial on purpose; in check mode a backend, action or workload not "
       "in the input is a warning, not an error",
       "The input is partial on purpose (an excerpt of an app): in check mode an Ingress "
       "backend, ALB action or workload that is not in the input is a warning instead of an "
       "error.",
       "false"},
      {"rolloutsVerifyTargetGroup", OptionType::Bool,
       "true: the Argo Rollouts controller runs with --aws-verify-target-group",
       "Whether the cluster's Argo Rollouts controller runs with --aws-verify-target-group, "
       "which the manifests cannot show: it then waits until the ALB's target groups hold the "
       "new pods (and take the canary's weights) before it scales old pods down. false: each "
       "canary Rollout with ALB traffic routing gets a warning (RO4).",
       "false"},
      {"createPodDisruptionBudgets", OptionType::Bool,
       "false: report missing PodDisruptionBudgets (DR1) instead of creating them",
       "Create a PodDisruptionBudget (policy/v1) for each Deployment, StatefulSet or Rollout "
       "behind the load balancer that runs more than one replica (an HPA's minReplicas when one "
       "scales it) and whose pods no budget in the input selects: maxUnavailable from "
       "podDisruptionBudgetMaxUnavailable, unhealthyPodEvictionPolicy AlwaysAllow (left out "
       "when kubernetesVersion is below 1.27, and policy/v1beta1 below 1.21), the workload's "
       "selector and labels, named as the workload (DR1). None is made where that selector also "
       "selects another workload's pods, or where maxUnavailable would cover every replica. "
       "false: such a workload gets a warning instead, as in check mode.",
       "true"},
      {"podDisruptionBudgetMaxUnavailable", OptionType::PositiveBudget,
       "maxUnavailable of the PodDisruptionBudgets the function creates (1, or a percentage)",
       "maxUnavailable of each PodDisruptionBudget the function creates: how many of a "
       "workload's pods a node drain may evict at once. 0 would block every drain, so the "
       "smallest value is 1 (or 1%; a percentage rounds up, as the disruption controller "
       "rounds it).",
       "1"},
      {"evictionNoticeSeconds", OptionType::Seconds,
       "the notice your nodes get before they are taken away (120 for AWS spot): a longer "
       "grace period is a warning (DR5)",
       "The notice, in seconds, that the cluster's nodes get before the platform takes them "
       "away: about 120 for an EC2 spot interruption, 30 for a GKE spot VM, or the time after "
       "which an upgrade forces a drain. A workload whose grace period is longer gets a warning "
       "(DR5): its pods are killed before their shutdown ends. Unset: no such check.",
       "unset"},
  };
  return fields;
}

const OptionField* findOption(const std::string& name) {
  for (const OptionField& f : optionFields()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

namespace {

std::string setVersion(std::string& out, const Setting& s) {
  std::string err = setString(out, s);  // what it implies for nativeSleep: resolveNativeSleep
  if (!err.empty()) return err;
  if (!parseKubernetesVersion(out)) {
    return "must be a Kubernetes version such as \"1.31\", not " + quoted(s.text);
  }
  return "";
}

// A list in a ZeroDowntimePolicy, comma-separated text elsewhere. An image name has no white
// space, so a prefix with some would never match: a mistake to report, not to keep.
std::string setImagePrefixes(std::vector<std::string>& out, const Setting& s) {
  std::vector<std::string> items;
  if (s.shape == Setting::Shape::List) {
    items = s.items;
  } else if (s.typed || s.shape == Setting::Shape::Other) {
    return "must be a list of image name prefixes, such as [\"registry.example.com/base/\"]";
  } else {
    items = parseList(s.text);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].empty() || items[i].find_first_of(" \t\n\r\f\v") != std::string::npos) {
      return "item " + std::to_string(i + 1) + ", " + quoted(items[i]) +
             ", must be an image name prefix: not empty, no white space";
    }
  }
  out = std::move(items);
  return "";
}

// maxUnavailable 0 (or 0%) blocks every drain: DR2 warns of such a budget, so the function never
// makes one.
std::string setPositiveBudget(timing::IntOrPercent& out, const Setting& s) {
  timing::IntOrPercent v;
  std::string err = setIntOrPercent(v, s);
  if (err.empty() && v.value < 1)
    return "must be at least 1 (or 1%): 0 would block every node drain";
  if (err.empty()) out = v;
  return err;
}

std::string setOptionalCount(std::optional<int64_t>& out, const Setting& s) {
  int64_t v = 0;
  std::string err = setCount(v, s);
  if (err.empty()) out = v;
  return err;
}

std::string setPath(std::string& out, const Setting& s) {
  std::string err = setString(out, s);
  if (err.empty() && (out.empty() || out[0] != '/')) {
    return "must be an HTTP path starting with \"/\", not " + quoted(s.text);
  }
  return err;
}

}  // namespace

std::string applyOption(Options& o, const Setting& s) {
  if (s.key == "check") return setBool(o.check, s);
  if (s.key == "nativeSleep") return setBool(o.nativeSleep, s);
  if (s.key == "defaultIngressClass") {
    bool v = false;
    std::string err = setBool(v, s);
    if (err.empty()) o.defaultIngressClass = v;
    return err;
  }
  if (s.key == "partialInput") return setBool(o.partialInput, s);
  if (s.key == "rolloutsVerifyTargetGroup") return setBool(o.rolloutsVerifyTargetGroup, s);
  if (s.key == "createPodDisruptionBudgets") return setBool(o.createPodDisruptionBudgets, s);
  if (s.key == "podDisruptionBudgetMaxUnavailable")
    return setPositiveBudget(o.podDisruptionBudgetMaxUnavailable, s);
  if (s.key == "evictionNoticeSeconds") return setOptionalCount(o.evictionNoticeSeconds, s);
  if (s.key == "kubernetesVersion") return setVersion(o.kubernetesVersion, s);
  if (s.key == "readinessProbePath") return setPath(o.readinessProbePath, s);
  if (s.key == "shellLessImages") return setImagePrefixes(o.shellLessImages, s);
  return "is not a known setting";
}

}  // namespace zd::krm
