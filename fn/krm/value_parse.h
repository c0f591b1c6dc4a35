// Strict parsing of config values given as text (ConfigMap data, flags).
// Strict on purpose: "30s" or "3O" is an error, never a silent guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timing/knobs.h"

namespace zd::krm {

// Decimal integer in [0, max]; no sign, no unit, no exponent.
std::optional<int64_t> parseCount(std::string_view text, int64_t max);
// `030`: digits after a leading zero. YAML 1.1 readers (kubectl's go-yaml,
// through sigs.k8s.io/yaml) read such a plain integer as octal, YAML 1.2 and
// parseCount as decimal; the function refuses it where the two differ.
bool hasLeadingZero(std::string_view text);
// The octal reading of `030` (24); nullopt when a digit is 8 or 9.
std::optional<int64_t> parseOctal(std::string_view text);
// true/false, yes/no, on/off, 1/0, any case (a Kptfile sends `on` or `NO` bare).
std::optional<bool> parseBool(std::string_view text);
// What Go's strconv.ParseBool accepts (1 t T TRUE true True, 0 f F FALSE false False): how
// AGIC and the AWS Load Balancer Controller read a boolean annotation.
std::optional<bool> parseGoBool(std::string_view text);
// A plain YAML 1.1 boolean, as kubectl's reader (go-yaml v2 via sigs.k8s.io/yaml) resolves it:
// y Y yes Yes YES true True TRUE on On ON, and n N no No NO false False FALSE off Off OFF.
std::optional<bool> parseYaml11Bool(std::string_view text);
// "25%" or "1".
std::optional<timing::IntOrPercent> parseIntOrPercent(std::string_view text);
// "a, b,c" -> {"a","b","c"}; empty items dropped.
std::vector<std::string> parseList(std::string_view text);

// Largest number of seconds or count a config may carry (about 11.5 days):
// far above every range the load balancers accept, far below overflow.
inline constexpr int64_t kMaxSetting = 1'000'000;

}  // namespace zd::krm
