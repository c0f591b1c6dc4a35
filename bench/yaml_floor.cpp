// The benchmark's floor: what the plainest yaml-cpp program pays to read a
// YAML stream and write it back.
//
//   yaml_floor                 YAML::LoadAll, then YAML::Emitter for every document (the floor)
//   yaml_floor --events        yaml-cpp's event parser alone (YAML::Parser + an empty
//   EventHandler):
//                              the part of the floor that zero-downtime cannot avoid
//
// Reads stdin, writes stdout. Built against the system's libyaml-cpp:
//   g++ -O2 -std=c++17 bench/yaml_floor.cpp -o yaml_floor $(pkg-config --cflags --libs yaml-cpp)
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>

namespace {

std::string readAll() {
  std::string s;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) s.append(buf, n);
  return s;
}

struct Nothing : YAML::EventHandler {
  size_t events = 0;
  void OnDocumentStart(const YAML::Mark&) override { ++events; }
  void OnDocumentEnd() override { ++events; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {
    ++events;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override { ++events; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override { ++events; }
};

}  // namespace

int main(int argc, char** argv) {
  bool eventsOnly = argc > 1 && std::strcmp(argv[1], "--events") == 0;
  try {
    std::string input = readAll();
    if (eventsOnly) {
      std::istringstream in(input);
      YAML::Parser parser(in);
      Nothing h;
      while (parser.HandleNextDocument(h)) {
      }
      std::printf("%zu events\n", h.events);
      return 0;
    }
    std::vector<YAML::Node> docs = YAML::LoadAll(input);
    YAML::Emitter out;
    for (const YAML::Node& d : docs) out << YAML::BeginDoc << d;
    std::fwrite(out.c_str(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "yaml_floor: %s\n", e.what());
    return 1;
  }
}
