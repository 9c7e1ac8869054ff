#!/usr/bin/env bash
# The tour against a provider that is not the built-in sandbox: the runnable sandbox jar as a
# separate process that settles payments on its own after 300 ms and faults a fifth of the API
# calls. The receiver listens on a fixed port (PAYKIT_DEMO_WEBHOOK_PORT, default 8090), which the
# provider is told at its start. The exit status is the tour's. Run `mvn -B -q package -DskipTests`
# first.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PAYKIT_DEMO_WEBHOOK_PORT:-8090}"
out="$(mktemp)"
PAYKIT_SANDBOX_CLIENT_SECRET="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d " \n")"
PAYKIT_SANDBOX_WEBHOOK_SECRET="whsec_$(head -c 32 /dev/urandom | base64 -w0)"
export PAYKIT_SANDBOX_CLIENT_SECRET PAYKIT_SANDBOX_WEBHOOK_SECRET
java -jar provider-sandbox/target/paykit-sandbox.jar --port 0 --client-id tour-shop \
  --webhook-url "http://127.0.0.1:${port}/webhooks" --auto-settle PT0.3S --fault-rate 0.2 \
  > "${out}" &
sandbox=$!
trap 'kill "${sandbox}" 2>/dev/null || true; rm -f "${out}"' EXIT
for _ in $(seq 150); do
  grep -q 'listening on' "${out}" && break
  sleep 0.2
done
provider="$(sed -n 's/^Paykit sandbox listening on \(http[^ ]*\) .*/\1/p' "${out}")"
if [ -z "${provider}" ]; then
  echo "the sandbox did not start" >&2
  exit 1
fi
PAYKIT_PROVIDER_CLIENT_ID=tour-shop \
PAYKIT_PROVIDER_CLIENT_SECRET="${PAYKIT_SANDBOX_CLIENT_SECRET}" \
PAYKIT_WEBHOOK_SECRETS="${PAYKIT_SANDBOX_WEBHOOK_SECRET}" \
  java -jar app-cli-demo/target/paykit-demo.jar tour --provider-url "${provider}" \
  --webhook-port "${port}"
