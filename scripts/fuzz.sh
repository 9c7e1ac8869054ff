#!/usr/bin/env bash
# Fuzzes every Jazzer target for PAYKIT_FUZZ_SECONDS seconds each (default 90), one at a time.
# An input that breaks a target's property fails the run and is written to that target's inputs
# directory (crash-<sha1>) under src/test/resources, where `mvn verify` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${PAYKIT_FUZZ_SECONDS:-90}"
targets=(
  payments-domain:MoneyFuzzTest
  payments-domain:IdempotencyKeyFuzzTest
  payments-domain:MetadataFuzzTest
  payments-domain:SecureUrlFuzzTest
  adapter-http:StandardWebhookVerifierFuzzTest
  adapter-http:JacksonWebhookParserFuzzTest
  adapter-http:ProviderJsonFuzzTest
)
# Build the targets' modules and what they need once; each run below then starts at its module.
mvn -B -q install -DskipTests -Dpaykit.buildDir=target-fuzz -pl payments-domain,adapter-http -am
for target in "${targets[@]}"; do
  module="${target%%:*}"
  test="${target##*:}"
  echo "fuzzing ${test} for ${seconds}s"
  log="${module}/target-fuzz/fuzz-${test}.log"
  if ! JAZZER_FUZZ=1 mvn -B -q -pl "${module}" test -Dtest="${test}" \
    -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="${seconds}s" \
    -Djazzer.hooks=true -Djazzer.instrument='dev.paykit.**,com.fasterxml.jackson.**' \
    -DargLine=-Xmx1g -Dpaykit.buildDir=target-fuzz > "${log}" 2>&1; then
    grep -E "ERROR|FAIL|crash-" "${log}" | head -20 >&2
    echo "fuzzing ${test} failed; the whole output is in ${log}" >&2
    exit 1
  fi
  # libFuzzer's closing line: how many inputs ran in how long.
  grep -E "Done [0-9]+ runs" "${log}" || echo "(no run count in ${log})"
done
