// A manifest stream parsed and indexed as a run indexes it, for tests of one adapter's pieces
// (which Ingress or route is whose, which policy a Service gets), and a preset as its file says.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "krm/envelope.h"
#include "krm/preset_loader.h"
#include "scope/object_index.h"
#include "yaml/parse.h"

namespace zd::test {

struct IndexedInput {
  yaml::Tree tree;
  krm::Envelope env;
  scope::ObjectIndex index;
  explicit IndexedInput(const std::string& text) {
    EXPECT_FALSE(yaml::parseStream(text, yaml::Limits{}, tree));
    std::vector<krm::Result> results;
    env = krm::readEnvelope(tree, results);
    index = scope::buildIndex(tree, env);
  }
  // The object index of `kind` `name` (a test failure when there is none).
  size_t find(std::string_view kind, std::string_view name) const {
    for (size_t i = 0; i < index.objects.size(); ++i) {
      if (tree.str(tree.get(index.objects[i].node, "kind")) == kind &&
          index.objects[i].name == name)
        return i;
    }
    ADD_FAILURE() << kind << " " << name << " not in the input";
    return 0;
  }
};

inline timing::Knobs presetKnobs(const char* name) {
  std::string error;
  auto k = krm::loadPreset(name, error);
  EXPECT_TRUE(k) << error;
  return k ? *k : timing::Knobs{};
}

}  // namespace zd::test
