// The rewrite half of an adapter: reading its load-balancer settings from the manifests into the
// timing model's Observed, and writing its planned changes back, each at the place its field
// table names. One per adapter (adapters/<name>/settings.cpp); the registry picks by preset.
#pragma once

#include <optional>
#include <vector>

#include "adapters/field_table.h"
#include "krm/result.h"
#include "rewrite/read_values.h"
#include "rewrite/shared_edit.h"
#include "scope/graph.h"
#include "timing/model.h"

namespace zd::adapters {

// An object the function made for a front door's settings, and why it is needed.
struct Made {
  size_t object;
  const char* why;
};

struct LbSettings {
  const FieldTable& (*fields)();
  // Its settings for one front door -> Service edge. `frontDoor` and `service` report input
  // errors against those objects.
  void (*observe)(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                  rewrite::Reader& frontDoor, rewrite::Reader& service, timing::Observed& o);
  // Its planned changes, each recorded as a result, and noted in `shared` (they are outside the
  // workload).
  void (*apply)(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                const timing::Plan& p, std::vector<krm::Result>& results,
                rewrite::SharedEdits& shared);
  // The objects its settings live in, when the input has none for edge `b` (a Service's
  // TargetGroupConfiguration): made detached, holding only what names their target, and added
  // to the index, so that the rewrite fills them in; each with its object index and why it is
  // needed, for the result that announces it. Unset: the door's settings live in objects the
  // input always has.
  std::vector<Made> (*create)(yaml::Tree& t, scope::ObjectIndex& idx, const scope::Binding& b,
                              const timing::Knobs& k) = nullptr;
  // The object that holds a Holder::Policy field of edge `b` (a TargetGroupConfiguration, a
  // BackendConfig, a GCPBackendPolicy); nullopt, or unset: none, so the Service is named.
  std::optional<size_t> (*policyHolder)(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                        const scope::Binding& b, const FieldSpot& spot) = nullptr;
};

// Through front door `door` of the preset (Binding::door); adapters/registry.cpp.
const LbSettings& settingsOf(timing::PresetId preset, size_t door);

// "metadata.annotations.<annotation>", as results name an annotation.
std::string annotationPath(std::string_view annotation);
// A plan change's severity as a result's (a change the user must see is a warning: Z6).
krm::Severity resultSeverity(timing::Severity s);

// The object of edge `b` that holds `spot` now: a policy field's object as `settings` says; an
// annotation's the Service when it carries the annotation or when the front door routes to other
// Services too (their target groups keep the front door's value), else the front door. An index
// into the object index.
size_t holderOf(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                const FieldSpot& spot, const LbSettings* settings = nullptr);

}  // namespace zd::adapters
