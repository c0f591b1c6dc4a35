// A front door: the kind of object through which a load balancer's controller reaches Services.
// Today an Ingress (served by class); next a Service of type LoadBalancer (NLB) or a Gateway API
// route. The adapters provide them (adapters/<name>/front_door.cpp); the graph walk asks each
// one which objects its controller serves and which Services they name, and knows no kind.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scope/backends.h"
#include "scope/ingress_class.h"
#include "scope/object_index.h"
#include "timing/knobs.h"

namespace zd::scope {

// Why the walk cannot tell whether a front door is the preset's: where, and in words.
struct Unsure {
  std::string fieldPath;
  std::string message;
  bool onlyInfo = false;  // a likely case said for the record (a Gateway of an unknown class)
};

struct FrontDoor {
  ObjectKind kind;
  const char* noun;  // "Ingress", as messages name it
  // Whether the preset's controller serves the object; `defaultClass` is the config's word on
  // whether the preset's class is the cluster's default (unset: not said).
  ClassMatch (*claims)(const yaml::Tree& t, yaml::NodeId object, const ObjectIndex& idx,
                       const timing::Knobs& k, std::optional<bool> defaultClass);
  // The warning for an Unknown or Ambiguous claim of `object`.
  Unsure (*unsure)(const yaml::Tree& t, yaml::NodeId object, const ObjectIndex& idx, ClassMatch m,
                   const timing::Knobs& k);
  // The Services it routes to, and the references it holds that cannot be followed.
  IngressBackends (*backends)(const yaml::Tree& t, yaml::NodeId object, const ObjectIndex& idx);
  // The annotations of its settings whose copy on a backend Service wins over the front door's
  // (ALB, rule A7). Empty: every setting lives on the front door, so a setting reaches every
  // backend of it.
  std::vector<std::string> serviceOverrides;
  // Its settings live in an object per Service (a policy whose target is the Service), so they
  // reach every front door routing to that Service, and only it.
  bool settingsPerService = false;
};

}  // namespace zd::scope
