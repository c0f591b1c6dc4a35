#include "rewrite/istio_proxy_config.h"

#include <cstdint>
#include <limits>

#include "krm/absent.h"
#include "krm/value_parse.h"
#include "yaml/parse.h"

namespace zd::rewrite {
namespace {

using std::string_view;

constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kSecond = 1'000'000'000;  // in nanoseconds

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Nanoseconds per unit of Go's time.ParseDuration; 0 for none.
int64_t unitNanos(string_view u) {
  if (u == "ns") return 1;
  if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") return 1'000;  // us, µs (U+00B5, U+03BC)
  if (u == "ms") return 1'000'000;
  if (u == "s") return kSecond;
  if (u == "m") return 60 * kSecond;
  if (u == "h") return 3600 * kSecond;
  return 0;
}

// One "1.5m" of a Go duration, in nanoseconds, from s[i]; false when it is none or too long.
bool element(string_view s, size_t& i, int64_t& nanos) {
  int64_t whole = 0, frac = 0, scale = 1;
  bool digits = false;
  for (; i < s.size() && isDigit(s[i]); ++i, digits = true) {
    if (whole > (kMaxInt64 - 9) / 10) return false;
    whole = whole * 10 + (s[i] - '0');
  }
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && isDigit(s[i]); ++i, digits = true) {
      if (scale < kSecond) frac = frac * 10 + (s[i] - '0'), scale *= 10;  // finer than 1 ns: off
    }
  }
  const size_t from = i;
  while (i < s.size() && !isDigit(s[i]) && s[i] != '.') ++i;
  const int64_t unit = unitNanos(s.substr(from, i - from));
  if (!digits || unit == 0 || whole > kMaxInt64 / unit) return false;
  // frac < scale <= 1e9: exact for units of whole seconds, and no overflow for the smaller ones.
  const int64_t part = unit % kSecond == 0 ? frac * (unit / scale) : frac * unit / scale;
  nanos = whole * unit;
  if (part > kMaxInt64 - nanos) return false;
  nanos += part;
  return true;
}

}  // namespace

std::optional<int64_t> goDurationSeconds(string_view s) {
  if (s == "0") return 0;
  if (s.empty()) return std::nullopt;
  int64_t total = 0;
  for (size_t i = 0; i < s.size();) {
    int64_t nanos = 0;
    if (!element(s, i, nanos) || nanos > kMaxInt64 - total) return std::nullopt;
    total += nanos;
  }
  return total / kSecond;
}

std::optional<int64_t> protoDurationSeconds(string_view s) {
  // The JSON form of google.protobuf.Duration: seconds, an optional fraction, and "s".
  if (s.size() < 2 || s.back() != 's') return std::nullopt;
  const string_view number = s.substr(0, s.size() - 1);
  const size_t dot = number.find('.');
  const string_view whole = number.substr(0, dot);
  if (whole.empty() || whole.size() > 12) return std::nullopt;
  for (char c : whole) {
    if (!isDigit(c)) return std::nullopt;
  }
  if (dot != string_view::npos) {
    const string_view frac = number.substr(dot + 1);
    if (frac.empty() || frac.size() > 9) return std::nullopt;
    for (char c : frac) {
      if (!isDigit(c)) return std::nullopt;
    }
  }
  return krm::parseCount(whole, 999'999'999'999);
}

IstioDrain readIstioDrain(string_view annotation) {
  IstioDrain out;
  yaml::Tree t;
  if (yaml::parseStream(annotation, yaml::Limits{}, t) || t.docs().size() != 1) return out;
  const yaml::NodeId config = t.docs()[0];
  if (!t.isMap(config)) return out;
  const yaml::NodeId metadata = krm::field(t, config, "proxyMetadata");
  const yaml::NodeId exitOnZero = krm::field(t, metadata, "EXIT_ON_ZERO_ACTIVE_CONNECTIONS");
  yaml::NodeId value = krm::field(t, config, "terminationDrainDuration");
  auto parse = protoDurationSeconds;
  // pilot-agent reads its environment with Go's strconv.ParseBool.
  if (t.isScalar(exitOnZero) && krm::parseGoBool(t.str(exitOnZero)).value_or(false)) {
    out.setting = "proxyMetadata.MINIMUM_DRAIN_DURATION";
    value = krm::field(t, metadata, "MINIMUM_DRAIN_DURATION");
    parse = goDurationSeconds;
  }
  if (value == yaml::kNone) return out;
  out.seconds = t.isScalar(value) ? parse(t.str(value)) : std::nullopt;
  if (!out.seconds) out.unread = std::string(t.str(value));
  return out;
}

}  // namespace zd::rewrite
