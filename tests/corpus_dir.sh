#!/usr/bin/env bash
# Prints the folder of real-world manifests the corpus tests read, or nothing when there is none:
# $ZD_CORPUS_DIR if set, else ../shared/corpus beside the repository when it exists (where the
# project's CI keeps one). The corpus is an extra: every test that reads it skips without it.
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ -n "${ZD_CORPUS_DIR:-}" ]]; then
  [[ -d "$ZD_CORPUS_DIR" ]] || { echo "ZD_CORPUS_DIR=$ZD_CORPUS_DIR is not a directory" >&2; exit 1; }
  (cd "$ZD_CORPUS_DIR" && pwd)
elif [[ -d "$root/../shared/corpus" ]]; then
  (cd "$root/../shared/corpus" && pwd)
fi
