#include "rewrite/sleep_hook.h"

#include <initializer_list>

#include "timing/api_limits.h"

namespace zd::rewrite {
namespace {

using std::string_view;
using timing::kInt64FieldMax;

constexpr int64_t kNano = 1'000'000'000;

bool oneOf(string_view s, std::initializer_list<string_view> names) {
  for (string_view n : names) {
    if (s == n) return true;
  }
  return false;
}

bool isSleep(string_view s) { return oneOf(s, {"sleep", "/bin/sleep", "/usr/bin/sleep"}); }
bool isBusybox(string_view s) { return oneOf(s, {"busybox", "/bin/busybox"}); }
bool isEnv(string_view s) { return oneOf(s, {"env", "/bin/env", "/usr/bin/env"}); }

bool isShell(string_view s) {
  for (string_view dir : {"/usr/bin/", "/bin/"}) {
    if (s.substr(0, dir.size()) == dir) {
      s.remove_prefix(dir.size());
      break;
    }
  }
  return oneOf(s, {"sh", "bash", "ash", "dash"});
}

bool allDigits(string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A length in whole seconds and nanoseconds, so that 1.5m is exactly 90 s and 0.5 is not whole.
struct Length {
  int64_t seconds = 0;
  int64_t nanos = 0;

  // False past timing::kInt64FieldMax: longer than any grace period the function writes.
  bool add(const Length& o) {
    if (o.seconds > kInt64FieldMax - seconds) return false;
    seconds += o.seconds;
    nanos += o.nanos;
    if (nanos < kNano) return true;
    nanos -= kNano;
    return seconds++ < kInt64FieldMax;
  }
};

int64_t unitOf(char c) {
  switch (c) {
    case 's':
      return 1;
    case 'm':
      return 60;
    case 'h':
      return 3600;
    case 'd':
      return 86400;
    default:
      return 0;
  }
}

// One argument: digits, a '.' and at most nine more (one digit at least), then maybe a unit.
std::optional<Length> parseDuration(string_view arg) {
  int64_t unit = 1;
  if (!arg.empty() && unitOf(arg.back()) != 0) {
    unit = unitOf(arg.back());
    arg.remove_suffix(1);
  }
  const size_t dot = arg.find('.');
  const string_view whole = arg.substr(0, dot);
  const string_view frac = dot == string_view::npos ? string_view() : arg.substr(dot + 1);
  if ((whole.empty() && frac.empty()) || frac.size() > 9) return std::nullopt;
  if (!allDigits(whole) || !allDigits(frac)) return std::nullopt;
  Length len;
  for (char c : whole) {
    const int64_t digit = c - '0';
    if (len.seconds > (kInt64FieldMax / unit - digit) / 10) return std::nullopt;
    len.seconds = len.seconds * 10 + digit;
  }
  len.seconds *= unit;
  int64_t f = 0, scale = 1;
  for (char c : frac) {
    f = f * 10 + (c - '0');
    scale *= 10;
  }
  const int64_t part = f * unit;  // below 10^9 * 86400: no overflow
  if (!len.add(Length{part / scale, part % scale * (kNano / scale)})) return std::nullopt;
  return len;
}

// The durations command[i..]: at least one (`sleep` alone fails at once), a whole total.
std::optional<SleepHook> durations(const std::vector<string_view>& c, size_t i) {
  if (i >= c.size()) return std::nullopt;
  Length total;
  for (size_t j = i; j < c.size(); ++j) {
    auto d = parseDuration(c[j]);
    if (!d || !total.add(*d)) return std::nullopt;
  }
  if (total.nanos != 0) return std::nullopt;  // a fraction of a second: see the header
  SleepHook h;
  h.seconds = total.seconds;
  h.arg = i;
  h.count = c.size() - i;
  return h;
}

// `sleep ...` or `busybox sleep ...` from command[i], behind any number of `env`. A loop, not
// recursion: a hostile list of a million `env` must not exhaust the stack.
std::optional<SleepHook> execSleep(const std::vector<string_view>& c, size_t i) {
  while (i < c.size() && isEnv(c[i])) ++i;
  if (i < c.size() && isSleep(c[i])) return durations(c, i + 1);
  if (i + 1 < c.size() && isBusybox(c[i]) && c[i + 1] == "sleep") return durations(c, i + 2);
  return std::nullopt;
}

bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isSpace(char c) { return isBlank(c) || c == '\n' || c == '\r'; }

// Characters the shell passes on as written: a word of only these needs no quoting or
// expansion. Anything else (quotes, $, ;, &, |, a line break between words) is not a plain
// sleep script.
bool isWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '/' || c == '-';
}

// A `-c` script that is only `[exec] sleep ARGS`, white space around it, one `;` after it.
// Offsets `from` and `to` are those of the durations in the script.
std::optional<SleepHook> scriptSleep(string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && isSpace(s[b])) ++b;
  while (e > b && isSpace(s[e - 1])) --e;
  if (e > b && s[e - 1] == ';') {
    --e;
    while (e > b && isBlank(s[e - 1])) --e;
  }
  std::vector<string_view> words;
  std::vector<size_t> at;
  for (size_t i = b; i < e;) {
    if (isBlank(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    for (; j < e && !isBlank(s[j]); ++j) {
      if (!isWordChar(s[j])) return std::nullopt;
    }
    words.push_back(s.substr(i, j - i));
    at.push_back(i);
    i = j;
  }
  auto h = execSleep(words, !words.empty() && words[0] == "exec" ? 1 : 0);
  if (!h) return std::nullopt;
  const size_t last = h->arg + h->count - 1;
  h->script = true;
  h->from = at[h->arg];
  h->to = at[last] + words[last].size();
  return h;
}

}  // namespace

std::optional<SleepHook> readSleepHook(const std::vector<string_view>& c) {
  size_t i = 0;
  while (i < c.size() && isEnv(c[i])) ++i;
  if (c.size() == i + 3 && isShell(c[i]) && c[i + 1] == "-c") {
    auto h = scriptSleep(c[i + 2]);
    if (h) h->arg = i + 2;
    return h;
  }
  return execSleep(c, 0);
}

std::vector<string_view> commandWords(const yaml::Tree& t, yaml::NodeId command) {
  std::vector<string_view> out;
  if (!t.isSeq(command)) return out;
  for (uint32_t i = 0; i < t.size(command); ++i) out.push_back(t.str(t.kid(command, i)));
  return out;
}

std::optional<SleepHook> readSleepHook(const yaml::Tree& t, yaml::NodeId command) {
  return readSleepHook(commandWords(t, command));
}

SleepEdit sleepEdit(const std::vector<string_view>& c, const SleepHook& h, int64_t seconds) {
  SleepEdit e;
  e.arg = h.arg;
  const std::string n = std::to_string(seconds);
  if (h.script) {
    const string_view s = c[h.arg];
    e.text = std::string(s.substr(0, h.from)) + n + std::string(s.substr(h.to));
  } else {
    e.text = n;
    e.drop = h.count - 1;
  }
  return e;
}

}  // namespace zd::rewrite
