#!/usr/bin/env bash
# Long fuzzing run: every CsCheck property of the suite with N cases each (default one million), the rest of the tests
# skipped. Usage: bench/fuzz.sh [cases] [project...]; a failure prints a seed, replay it with CsCheck_Seed=<seed>.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-1000000}"
shift || true
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  projects=(tests/StatusBot.Core.Tests tests/StatusBot.Storage.Tests tests/StatusBot.Host.Tests)
fi

for project in "${projects[@]}"; do
  echo "== $project: $cases cases per property"
  STATUSBOT_FUZZ_ITERATIONS="$cases" dotnet test "$project" -c Release \
    --filter "FullyQualifiedName~.Fuzz.|FullyQualifiedName~HttpFuzzTests" --logger "console;verbosity=normal"
done
