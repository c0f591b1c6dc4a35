// Istio's proxy.istio.io/config, as far as K10 reads it: which drain setting applies and its
// whole seconds. A value Istio would not take either leaves the default and is named.
#include "rewrite/istio_proxy_config.h"

#include <gtest/gtest.h>

namespace zd::rewrite {
namespace {

TEST(IstioProxyConfig, ProtobufDurations) {
  EXPECT_EQ(protoDurationSeconds("45s"), 45);
  EXPECT_EQ(protoDurationSeconds("45.9s"), 45);  // rounded down: never more than written
  EXPECT_EQ(protoDurationSeconds("0s"), 0);
  EXPECT_FALSE(protoDurationSeconds("1m"));  // protobuf's JSON takes seconds only
  EXPECT_FALSE(protoDurationSeconds("45"));
  EXPECT_FALSE(protoDurationSeconds("-5s"));
  EXPECT_FALSE(protoDurationSeconds("s"));
  EXPECT_FALSE(protoDurationSeconds("4.s"));
}

TEST(IstioProxyConfig, GoDurations) {
  EXPECT_EQ(goDurationSeconds("45s"), 45);
  EXPECT_EQ(goDurationSeconds("1m30s"), 90);
  EXPECT_EQ(goDurationSeconds("1.5m"), 90);
  EXPECT_EQ(goDurationSeconds("1h"), 3600);
  EXPECT_EQ(goDurationSeconds("1500ms"), 1);
  EXPECT_EQ(goDurationSeconds("0"), 0);
  EXPECT_EQ(goDurationSeconds("0.5s"), 0);
  EXPECT_FALSE(goDurationSeconds(""));
  EXPECT_FALSE(goDurationSeconds("45"));
  EXPECT_FALSE(goDurationSeconds("5 s"));
  EXPECT_FALSE(goDurationSeconds("1d"));
  EXPECT_FALSE(goDurationSeconds("99999999999999999999h"));
}

TEST(IstioProxyConfig, TheDrainThatApplies) {
  IstioDrain d = readIstioDrain("terminationDrainDuration: 60s\n");
  EXPECT_EQ(d.setting, "terminationDrainDuration");
  EXPECT_EQ(d.seconds, 60);
  d = readIstioDrain("{\"terminationDrainDuration\": \"50s\"}");
  EXPECT_EQ(d.seconds, 50);
  // With EXIT_ON_ZERO_ACTIVE_CONNECTIONS the agent waits MINIMUM_DRAIN_DURATION instead.
  d = readIstioDrain(
      "terminationDrainDuration: 60s\nproxyMetadata:\n  EXIT_ON_ZERO_ACTIVE_CONNECTIONS: 'true'\n"
      "  MINIMUM_DRAIN_DURATION: 1m\n");
  EXPECT_EQ(d.setting, "proxyMetadata.MINIMUM_DRAIN_DURATION");
  EXPECT_EQ(d.seconds, 60);
  d = readIstioDrain("proxyMetadata:\n  EXIT_ON_ZERO_ACTIVE_CONNECTIONS: 'true'\n");
  EXPECT_EQ(d.setting, "proxyMetadata.MINIMUM_DRAIN_DURATION");
  EXPECT_FALSE(d.seconds);
}

TEST(IstioProxyConfig, WhatIsNotReadKeepsTheDefault) {
  IstioDrain d = readIstioDrain("terminationDrainDuration: 1m\n");
  EXPECT_FALSE(d.seconds);
  EXPECT_EQ(d.unread, "1m");
  d = readIstioDrain("holdApplicationUntilProxyStarts: true\n");
  EXPECT_FALSE(d.seconds);
  EXPECT_EQ(d.unread, "");
  for (const char* junk : {"", "[", "- a\n- b\n", "a: [\n", "just text"}) {
    d = readIstioDrain(junk);
    EXPECT_FALSE(d.seconds) << junk;
    EXPECT_EQ(d.setting, "terminationDrainDuration") << junk;
  }
}

}  // namespace
}  // namespace zd::rewrite
