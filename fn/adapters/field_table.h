// One adapter's field table: each load-balancer quantity of the model, by its model name, and
// where the manifests hold it. The adapter's settings reader and writer, the results' field
// paths and explain all look settings up here, so a key is spelled once.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace zd::adapters {

// Which object of a front door -> Service edge holds a setting.
enum class Holder {
  FrontDoor,             // the front door only (an Ingress annotation)
  ServiceOverFrontDoor,  // the Service's copy wins, else the front door's (ALB: A7)
  // A policy object whose target is the Service (a TargetGroupConfiguration): `annotation` is
  // the field's path in that object.
  Policy,
  // An object the front door names (a RoutePolicy, an IngressExtension), or none yet: results
  // name the front door.
  FrontDoorPolicy,
};

struct FieldSpot {
  std::string_view field;  // model name: "healthCheckIntervalSeconds"
  Holder holder;
  std::string_view annotation;  // "alb.ingress.kubernetes.io/healthcheck-interval-seconds"
  // The key inside a key=value list annotation ("deregistration_delay.timeout_seconds"), or "".
  std::string_view item;

  // As explain names it: the annotation, and the item when there is one.
  std::string label() const {
    std::string out(annotation);
    if (!item.empty()) out += " " + std::string(item);
    return out;
  }
};

using FieldTable = std::vector<FieldSpot>;

// The spot of model field `field`, or nullptr when the table has none.
inline const FieldSpot* findSpot(const FieldTable& table, std::string_view field) {
  for (const FieldSpot& s : table) {
    if (s.field == field) return &s;
  }
  return nullptr;
}

// The same, for a field the table must have: a miss is a misspelt name in the adapter's own code,
// which no input can cause, so it stops the program rather than reading nothing.
inline const FieldSpot& requireSpot(const FieldTable& table, std::string_view field) {
  const FieldSpot* s = findSpot(table, field);
  if (!s) std::abort();
  return *s;
}

}  // namespace zd::adapters
