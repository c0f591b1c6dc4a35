#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "yaml/parse.h"
#include "yaml/write.h"

namespace zd::test {

std::string roundTrip(const std::string& in) {
  yaml::Tree t;
  auto err = yaml::parseStream(in, yaml::Limits{}, t);
  EXPECT_FALSE(err) << (err ? err->describe() : "");
  std::string out;
  yaml::writeStream(t, t.docs(), out);
  return out;
}

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string corpusDir() {
  namespace fs = std::filesystem;
  if (const char* dir = std::getenv("ZD_CORPUS_DIR"); dir && *dir) return dir;
  // The default of tests/corpus_dir.sh: where the project's CI keeps the corpus.
  fs::path beside = fs::path(ZD_SOURCE_DIR) / ".." / "shared" / "corpus";
  return fs::exists(beside) ? beside.string() : "";
}

std::vector<std::string> corpusFiles() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  const std::string dir = corpusDir();
  if (dir.empty() || !fs::exists(dir)) return out;
  fs::path root = dir;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<YAML::Node> loadDocs(const std::string& text) {
  std::vector<YAML::Node> out;
  for (const YAML::Node& d : YAML::LoadAll(text)) {
    if (!d.IsNull()) out.push_back(d);
  }
  return out;
}

bool deepEqual(const YAML::Node& a, const YAML::Node& b, std::string& where) {
  if (a.Type() != b.Type()) {
    where += " (node type differs)";
    return false;
  }
  if (a.IsScalar()) {
    bool typedA = a.Tag() == "?", typedB = b.Tag() == "?";
    if (a.Scalar() != b.Scalar() || typedA != typedB) {
      where +=
          ": \"" + a.Scalar() + "\" (" + a.Tag() + ") vs \"" + b.Scalar() + "\" (" + b.Tag() + ")";
      return false;
    }
    return true;
  }
  if (a.size() != b.size()) {
    where += " (size differs)";
    return false;
  }
  if (a.IsSequence()) {
    for (size_t i = 0; i < a.size(); ++i) {
      std::string w = where + "[" + std::to_string(i) + "]";
      if (!deepEqual(a[i], b[i], w)) return where = w, false;
    }
    return true;
  }
  auto ia = a.begin();
  auto ib = b.begin();
  for (; ia != a.end(); ++ia, ++ib) {
    std::string w = where + "." + ia->first.Scalar();
    if (ia->first.Scalar() != ib->first.Scalar()) return where = w + " (key order differs)", false;
    if (!deepEqual(ia->second, ib->second, w)) return where = w, false;
  }
  return true;
}

bool sameDocs(const std::string& a, const std::string& b) {
  auto da = loadDocs(a), db = loadDocs(b);
  if (da.size() != db.size()) return false;
  for (size_t i = 0; i < da.size(); ++i) {
    std::string where = "document " + std::to_string(i);
    if (!deepEqual(da[i], db[i], where)) return false;
  }
  return true;
}

krm::RunOptions presetOptions(const std::string& preset, bool check) {
  krm::RunOptions o;
  krm::Setting s;
  s.key = "preset";
  s.where = "--preset";
  s.text = preset;
  o.flags.push_back(s);
  if (check) {
    s.key = "check";
    s.where = "--check";
    s.text = "true";
    o.flags.push_back(s);
  }
  return o;
}

const char* const kWebApp = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  minReadySeconds: 30
  selector:
    matchLabels:
      app: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: web
    spec:
      terminationGracePeriodSeconds: 60
      containers:
      - name: web
        image: registry.example.com/web:1.4.2
        ports:
        - containerPort: 8080
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
          periodSeconds: 5
        lifecycle:
          preStop:
            exec:
              command: ["sleep", "30"]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    alb.ingress.kubernetes.io/target-type: ip
spec:
  ingressClassName: alb
  defaultBackend:
    service:
      name: web
      port:
        number: 80
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) {
    throw std::invalid_argument("replaced: \"" + from + "\" must occur exactly once");
  }
  return text.replace(at, from.size(), to);
}

}  // namespace zd::test
