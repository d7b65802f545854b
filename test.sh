#!/usr/bin/env bash
# The one test command: installs what a fresh Debian 12 machine lacks (as root), builds, lints the infrastructure
# and runs every test project, the Playwright tests in Debian's Chromium included. Integration tests start their
# own PostgreSQL, mosquitto and RabbitMQ from the Debian binaries in temp dirs on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# nodejs and npm run Azurite, the Azure Storage emulator the Blob Storage tests use (an npm package, below).
packages=(postgresql mosquitto mosquitto-clients rabbitmq-server chromium python3-aiosmtpd nodejs)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
command -v npm >/dev/null || missing+=(npm) # Debian packages npm apart from nodejs (other builds of nodejs bring it)
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "== Installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian starts nothing here, but on a machine where the packaged services did start, the tests do not use them.

# Azurite 3.35.0: the last release whose Node requirement Debian 12's nodejs (18) meets. Installed once per user.
export FC_AZURITE_DIR=${FC_AZURITE_DIR:-$HOME/.cache/factorycloud/azurite}
if [[ ! -x $FC_AZURITE_DIR/node_modules/.bin/azurite-blob ]]; then
  echo "== Installing Azurite into $FC_AZURITE_DIR"
  mkdir -p "$FC_AZURITE_DIR"
  npm install --prefix "$FC_AZURITE_DIR" --no-audit --no-fund --loglevel=error azurite@3.35.0 >/dev/null
fi

echo "== Build"
dotnet build FactoryCloud.sln -c Release -warnaserror --nologo -v quiet
# The benchmark program is not a test project (it prints figures, see README), but it must keep building.
dotnet build tests/FactoryCloud.Benchmarks -c Release -warnaserror --nologo -v quiet

echo "== Infrastructure (bicep build + lint)"
infra/build.sh

echo "== Tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# Two test modules at a time on a 2-core machine: every module also starts servers (PostgreSQL, brokers, Chromium),
# and all seven at once saturated the CPU enough to time out live-update waits.
dotnet test --solution FactoryCloud.sln -c Release --no-build --max-parallel-test-modules 2 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line over every test project.
awk '/^ *succeeded:/ {p += $2} /^ *failed:/ {f += $2} /^ *skipped:/ {s += $2} END {printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s}' "$log"
exit "$status"
