// Which exec preStop commands are plain, finite sleeps (rewrite/sleep_hook.h), how long they
// are, and how a new length is written back in the hook's own form.
#include "rewrite/sleep_hook.h"

#include <gtest/gtest.h>

namespace zd::rewrite {
namespace {

struct Hook {
  std::vector<std::string_view> command;
  std::optional<int64_t> seconds;  // nullopt: not a plain sleep (Z2)
};

const Hook kHooks[] = {
    {{"sleep", "10"}, 10},
    {{"/bin/sleep", "10"}, 10},
    {{"/usr/bin/sleep", "10"}, 10},
    {{"sleep", "10s"}, 10},
    {{"sleep", "1m"}, 60},
    {{"sleep", "2h"}, 7200},
    {{"sleep", "1d"}, 86400},
    {{"sleep", "1m", "30s"}, 90},  // GNU and busybox sum their arguments
    {{"sleep", "010"}, 10},        // an argument is text to sleep: decimal, not octal
    {{"sleep", "1.5m"}, 90},       // a fraction that makes whole seconds is exact
    {{"sleep", ".5m"}, 30},
    {{"sleep", "5."}, 5},
    {{"sleep", "0.5", "0.5"}, 1},
    {{"sleep", "0"}, 0},
    {{"busybox", "sleep", "10"}, 10},
    {{"/bin/busybox", "sleep", "1m"}, 60},
    {{"env", "sleep", "10"}, 10},  // env runs its argument
    {{"/usr/bin/env", "sleep", "10s"}, 10},
    {{"/usr/bin/env", "/bin/sleep", "10"}, 10},
    {{"env", "busybox", "sleep", "10"}, 10},
    {{"sh", "-c", "sleep 10"}, 10},
    {{"/bin/sh", "-c", "sleep 5s"}, 5},
    {{"bash", "-c", "sleep 1m 30s"}, 90},
    {{"/usr/bin/bash", "-c", "exec sleep 20"}, 20},
    {{"ash", "-c", "  sleep 20 ;\n"}, 20},
    {{"/bin/dash", "-c", "sleep\t20;"}, 20},
    {{"sh", "-c", "sleep 20\n"}, 20},  // a literal block scalar's trailing line break
    {{"sh", "-c", "exec /bin/sleep 20"}, 20},
    {{"sh", "-c", "busybox sleep 20"}, 20},
    {{"env", "sh", "-c", "sleep 20"}, 20},
    {{"sleep", "9007199254740991"}, 9007199254740991},

    {{"sleep"}, std::nullopt},              // no operand: sleep fails at once
    {{"sleep", "infinity"}, std::nullopt},  // not finite
    {{"sleep", "inf"}, std::nullopt},
    {{"sleep", "0.5"}, std::nullopt},           // a fraction of a second: see the header
    {{"sleep", "1.0000000001"}, std::nullopt},  // more than nanoseconds
    {{"sleep", "-5"}, std::nullopt},
    {{"sleep", "+5"}, std::nullopt},
    {{"sleep", "5ms"}, std::nullopt},
    {{"sleep", "5S"}, std::nullopt},
    {{"sleep", "1e3"}, std::nullopt},
    {{"sleep", "0x10"}, std::nullopt},
    {{"sleep", "."}, std::nullopt},
    {{"sleep", ""}, std::nullopt},
    {{"sleep", "10", "x"}, std::nullopt},
    {{"sleep", "9007199254740992"}, std::nullopt},  // longer than any grace period written
    {{"sleep", "9007199254740991", "1"}, std::nullopt},
    {{"sleep", "99999999999999999999d"}, std::nullopt},
    {{"/usr/bin/env", "-c", "sleep 40"}, std::nullopt},  // env has no -c: the hook fails
    {{"env", "-i", "sleep", "40"}, std::nullopt},
    {{"env", "FOO=1", "sleep", "40"}, std::nullopt},
    {{"busybox", "10"}, std::nullopt},
    {{"/sbin/sleep", "10"}, std::nullopt},
    {{"sh", "-c", "sleep 5 && nginx -s quit"}, std::nullopt},
    {{"sh", "-c", "nginx -s quit; sleep 5"}, std::nullopt},
    {{"sh", "-c", "sleep 5; sleep 5"}, std::nullopt},
    {{"sh", "-c", "sleep 5;;"}, std::nullopt},
    {{"sh", "-c", "sleep 5\n;"}, std::nullopt},
    {{"sh", "-c", "sleep\n5"}, std::nullopt},
    {{"sh", "-c", "sleep '5'"}, std::nullopt},
    {{"sh", "-c", "sleep $DELAY"}, std::nullopt},
    {{"sh", "-c", "exec"}, std::nullopt},
    {{"sh", "-c", "sleep 5", "extra"}, std::nullopt},
    {{"sh", "-ec", "sleep 5"}, std::nullopt},
    {{"sh", "sleep 5"}, std::nullopt},
    {{"zsh", "-c", "sleep 5"}, std::nullopt},
    {{"nginx", "-s", "quit"}, std::nullopt},
    {{}, std::nullopt},
};

std::string show(const std::vector<std::string_view>& c) {
  std::string out;
  for (std::string_view w : c) out += "[" + std::string(w) + "]";
  return out;
}

TEST(SleepHook, RecognisesPlainFiniteSleepsOnly) {
  for (const Hook& h : kHooks) {
    SCOPED_TRACE(show(h.command));
    auto hook = readSleepHook(h.command);
    ASSERT_EQ(hook.has_value(), h.seconds.has_value());
    if (hook) {
      EXPECT_EQ(hook->seconds, *h.seconds);
    }
  }
}

std::vector<std::string> edited(const std::vector<std::string_view>& c, int64_t seconds) {
  auto hook = readSleepHook(c);
  EXPECT_TRUE(hook) << show(c);
  std::vector<std::string> out(c.begin(), c.end());
  if (!hook) return out;
  SleepEdit e = sleepEdit(c, *hook, seconds);
  out[e.arg] = e.text;
  out.erase(out.begin() + e.arg + 1, out.begin() + e.arg + 1 + e.drop);
  return out;
}

using Words = std::vector<std::string>;

TEST(SleepHook, WritesTheNewLengthInTheHooksOwnForm) {
  EXPECT_EQ(edited({"sleep", "10s"}, 30), (Words{"sleep", "30"}));
  EXPECT_EQ(edited({"sleep", "1m", "30s"}, 120), (Words{"sleep", "120"}));
  EXPECT_EQ(edited({"/usr/bin/env", "busybox", "sleep", "1", "2", "3"}, 30),
            (Words{"/usr/bin/env", "busybox", "sleep", "30"}));
  EXPECT_EQ(edited({"sh", "-c", "sleep 5s"}, 30), (Words{"sh", "-c", "sleep 30"}));
  EXPECT_EQ(edited({"sh", "-c", "  exec sleep 1m\t30s ;\n"}, 120),
            (Words{"sh", "-c", "  exec sleep 120 ;\n"}));
  EXPECT_EQ(edited({"env", "/bin/bash", "-c", "exec env sleep 10"}, 30),
            (Words{"env", "/bin/bash", "-c", "exec env sleep 30"}));
}

}  // namespace
}  // namespace zd::rewrite
