#include "rewrite/int_fields.h"

#include "krm/value_parse.h"
#include "timing/api_limits.h"

namespace zd::rewrite {

const IntLimit kInt32Field{timing::kInt32Max, false, "int32 in the Kubernetes API"};
const IntLimit kInt64Field{timing::kInt64FieldMax, false,
                           "2^53 - 1, the largest integer JSON carries exactly"};
// The controllers parse these with Go's strconv, which takes a leading '+': the AWS Load
// Balancer Controller with ParseInt(raw, 10, 64), AGIC with Atoi. AGIC then converts to int32,
// wrapping a larger number into another one, and the ELBv2 and Application Gateway APIs take
// 32-bit integers: past int32 no number reaches the load balancer as written.
const IntLimit kControllerText{timing::kInt32Max, true,
                               "a 32-bit integer, as the load balancer's API takes it"};
// Items of target-group-attributes and load-balancer-attributes: the controller hands the text
// to AWS, which parses it. Whether AWS takes a '+' is not documented, so only digits pass.
const IntLimit kAwsAttribute{timing::kInt32Max, false, "a 32-bit integer, as AWS takes it"};
// zero-downtime.dev/ annotations are the function's own: the range of every config number.
const IntLimit kOwnAnnotation{krm::kMaxSetting, false, "the config's range"};

std::optional<int64_t> parseWhole(std::string_view text, const IntLimit& limit) {
  if (limit.plusSign && !text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const int64_t digit = c - '0';
    if (v > (limit.max - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

std::string rangeText(const IntLimit& limit) {
  return "from 0 to " + std::to_string(limit.max) + " (" + limit.why + ")";
}

}  // namespace zd::rewrite
