// Which exec preStop commands are a plain, finite sleep whose length the function knows, and
// where in the command that length is written: observe reads it, apply rewrites it in place.
//
// A plain sleep is what GNU coreutils and busybox `sleep` run to the end: one or more
// durations, each a number with an optional unit s, m, h or d, summed (`sleep 1m 30s` is 90 s).
// The program is `sleep`, `/bin/sleep`, `/usr/bin/sleep` or `busybox sleep` (bare or
// /bin/busybox), possibly behind `env` (bare, /bin/env or /usr/bin/env), which runs its
// argument; or a shell (sh, bash, ash, dash; bare, /bin/ or /usr/bin/) given `-c` and a script
// that is only such a command, optionally after `exec`, with white space around it and one `;`
// after it.
//
// Not a plain sleep, so reported (Z2) and never rewritten: `sleep infinity`; a total with a
// fraction of a second (`sleep 0.5`): the model counts whole seconds, and rounding either way
// could hide a broken rule (up hides K4 and the preset floor, down hides K1 and K2), whereas
// `sleep 1.5m` is exactly 90 s and is timed; `env -c ...` (env has no -c: the hook fails and
// SIGTERM comes at once); a script doing anything else (`sleep 5 && nginx -s quit`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/tree.h"

namespace zd::rewrite {

struct SleepHook {
  int64_t seconds = 0;  // the total, at most timing::kInt64FieldMax
  size_t arg = 0;       // the command element holding the first duration, or the script
  size_t count = 1;     // exec form: the durations are command[arg, arg + count)
  bool script = false;  // shell form: the durations are command[arg][from, to)
  size_t from = 0, to = 0;
};

std::optional<SleepHook> readSleepHook(const std::vector<std::string_view>& command);
// The same for an exec.command list of a manifest.
std::optional<SleepHook> readSleepHook(const yaml::Tree& tree, yaml::NodeId command);

// Writing `seconds` into a recognised hook, in its own form: command[arg] becomes `text`, and
// the `drop` elements after it go (`sleep 1m 30s` -> `sleep 120`); a script keeps everything
// around its durations (`exec`, white space, `;`).
struct SleepEdit {
  size_t arg = 0;
  std::string text;
  size_t drop = 0;
};
SleepEdit sleepEdit(const std::vector<std::string_view>& command, const SleepHook& hook,
                    int64_t seconds);

std::vector<std::string_view> commandWords(const yaml::Tree& tree, yaml::NodeId command);

}  // namespace zd::rewrite
