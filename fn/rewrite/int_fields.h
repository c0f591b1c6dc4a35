// The whole numbers a manifest may hold in the fields the function reads: the Kubernetes API's
// type of each pod and rollout field, and for annotations what the controller that reads them
// accepts. A number past the limit is an input error, never clipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zd::rewrite {

struct IntLimit {
  int64_t max = 0;
  bool plusSign = false;  // a leading '+' reads as the number, as in Go's strconv
  const char* why = "";   // the reason for `max`, named in the error message
};

// The limits, one per kind of field; each call site says which its field has.
extern const IntLimit kInt32Field;  // replicas, minReadySeconds, progressDeadlineSeconds, probes
extern const IntLimit kInt64Field;  // terminationGracePeriodSeconds, preStop sleep.seconds
extern const IntLimit kControllerText;  // an annotation a controller parses with Go's strconv
extern const IntLimit kAwsAttribute;    // an item of an ALB attributes annotation (AWS parses it)
extern const IntLimit kOwnAnnotation;   // zero-downtime.dev/ annotations: the config's range

// Decimal digits, after a '+' when the limit allows one; at most `limit.max`. Any length: leading
// zeros are read as Go reads them, and no text overflows.
std::optional<int64_t> parseWhole(std::string_view text, const IntLimit& limit);

// "from 0 to 2147483647 (int32 in the Kubernetes API)"
std::string rangeText(const IntLimit& limit);

}  // namespace zd::rewrite
