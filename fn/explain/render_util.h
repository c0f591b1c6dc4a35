// Helpers the renderers share: display width of UTF-8 text, padding, wrapping, time cells.
// Internal to fn/explain.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "explain/timeline.h"

namespace zd::explain::detail {

// Code points, not bytes: every glyph the renderers use is one column wide.
size_t width(const std::string& s);
std::string padRight(const std::string& s, size_t w);
std::string padLeft(const std::string& s, size_t w);
// Cuts to `w` columns, ending in "…" when cut.
std::string fit(const std::string& s, size_t w);
// Greedy word wrap to lines of at most `w` columns (a longer word gets its own line).
std::vector<std::string> wrap(const std::string& s, size_t w);

// "45", "~15" (estimate), "≤15" (up to), "?" (unknown), "-" (never by itself).
std::string timeText(const Event& e);

// "45 manifest", "65 set by K2", "on default", "? manifest".
std::string quantityText(const Quantity& q);

// The event of `id` in `s`, or nullptr.
const Event* findEvent(const State& s, const std::string& id);

// Event ids of both states, in the order of the after state, before-only ones after.
std::vector<std::string> eventIds(const WorkloadTimeline& w, Lane lane);

std::string joinIds(const std::vector<std::string>& ids);  // "K2,K4"

// A tick step for an axis up to `max` seconds: at most 6 ticks.
int64_t niceStep(int64_t max);
// The end of a lane's axis: every time of the lane in both states, rounded up to a tick. How
// long draining lasts is left out (an ALB default of 300 s would squash the rest): renderers cut
// that bar and label its end.
int64_t scaleOf(const WorkloadTimeline& w, Lane lane);

// Where an event's time comes from in both states: "setting (origin)" per quantity it uses, and
// "setting (as-is origin → after origin)" where the function changes it.
std::string sourceDiff(const State& before, const Event* b, const State& after, const Event* a);

// Origin words as a reader sees them: "set by K2", "set by preset" for the function.
std::string originText(const Quantity& q);

}  // namespace zd::explain::detail
