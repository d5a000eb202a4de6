#!/usr/bin/env bash
# Runs the engine's JMH benchmarks (engine/src/test/java/org/steward/engine/bench/EngineParts.java).
# Usage: engine/bench/jmh.sh [JMH options]     e.g. engine/bench/jmh.sh -f 1 -wi 2 -i 3 parseSquidLine
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl engine test-compile
cp=$(./mvnw -B -q -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec java -Dut1="$(pwd)/../shared/data/ut1" -cp "engine/target/test-classes:engine/target/classes:$cp" \
  org.openjdk.jmh.Main "$@" 'org.steward.engine.bench.*'
