// Reading numbers from manifests, where a wrong type is an input error that
// names the resource and the field, never a guess.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "krm/result.h"
#include "rewrite/int_fields.h"
#include "timing/knobs.h"
#include "yaml/tree.h"

namespace zd::rewrite {

class Reader {
 public:
  Reader(const yaml::Tree& tree, yaml::NodeId object, std::vector<krm::Result>& errors);

  // A YAML integer field (plain, non-negative, at most `limit`: the API's type of the field,
  // rewrite/int_fields.h); absent or null -> nullopt.
  std::optional<int64_t> count(yaml::NodeId node, const std::string& path,
                               const IntLimit& limit = kInt32Field);
  // An annotation holding an integer as a string ("30"), as the controller reading it parses it.
  std::optional<int64_t> countText(std::string_view text, const std::string& path,
                                   const IntLimit& limit);
  // A boolean field, read as kubectl reads YAML 1.1 (`True`, `yes`, `on` are true); a quoted
  // string or any other text is an error. Absent or null -> nullopt.
  std::optional<bool> boolean(yaml::NodeId node, const std::string& path);
  // maxSurge / maxUnavailable: 1 or "25%".
  std::optional<timing::IntOrPercent> intOrPercent(yaml::NodeId node, const std::string& path);
  // An optional map (or list) the function reads or writes into: anything
  // else there is an error, never silently replaced. Absent is fine; pass
  // fields through krm::field so that an explicit null is absent too.
  bool shape(yaml::NodeId node, yaml::Kind kind, const std::string& path);
  void error(const std::string& path, const std::string& message);
  // metadata.annotations (a map, or absent): every value must be a string as kubectl reads it,
  // which refuses the whole object otherwise (a bare `true` or `30` is no string to YAML 1.1).
  void annotations(yaml::NodeId map);
  // Where its errors go, for a reader of another object that reports alongside.
  std::vector<krm::Result>& errors() { return errors_; }

 private:
  // A plain integer written `030`: an error (kubectl would read octal 24),
  // as is `08` (no YAML 1.1 integer); `07` is 7 either way and passes.
  bool refuseLeadingZero(const std::string& text, const std::string& path);

  const yaml::Tree& t_;
  yaml::NodeId object_;
  std::vector<krm::Result>& errors_;
};

// A key=value list annotation as the controller reads it. One the controller refuses, or one that
// cannot be edited without guessing, is an input error: the function would otherwise check
// numbers the load balancer never gets.
std::vector<std::pair<std::string, std::string>> readStringMap(const yaml::Tree& t,
                                                               yaml::NodeId value, Reader& rd,
                                                               const std::string& path);

}  // namespace zd::rewrite
