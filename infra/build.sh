#!/usr/bin/env bash
# Builds and lints the Azure infrastructure (Bicep) offline. Any warning or error fails.
#
#   infra/build.sh
#
# 1. Restores the Bicep CLI from NuGet (package Azure.Bicep.CommandLine.linux-x64, version
#    pinned in infra/bicep-cli/BicepCli.proj) unless it is already in the NuGet cache.
# 2. bicep build main.bicep (ARM JSON goes to a temp dir and is deleted), bicep lint on
#    main.bicep and every module, bicep build-params on every .bicepparam file.
# infra/bicepconfig.json raises every linter rule to "error"; this script additionally fails
# on any diagnostic line or the word "warning" in the output, in case one is not raised.
set -euo pipefail

started=$(date +%s)
infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
proj="$infra_dir/bicep-cli/BicepCli.proj"
config="$infra_dir/bicepconfig.json"

version="$(sed -n 's:.*<BicepCliVersion>\(.*\)</BicepCliVersion>.*:\1:p' "$proj")"
if [[ -z "$version" ]]; then
  echo "build.sh: no <BicepCliVersion> in $proj" >&2
  exit 1
fi

packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [[ ! -f "$bicep" ]]; then
  echo "Restoring Bicep CLI $version from NuGet..."
  DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    dotnet restore "$proj" --nologo --verbosity quiet
fi
if [[ ! -f "$bicep" ]]; then
  echo "build.sh: bicep not found at $bicep after restore" >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

failures=0
steps=0

# run LABEL COMMAND...: runs one bicep command; fails on a non-zero exit, on any diagnostic
# line ("file(line,col) : Error|Warning|Info ...") and on any mention of a warning.
run() {
  local label="$1"
  shift
  local log="$out/step-$steps.log"
  steps=$((steps + 1))
  local rc=0
  "$@" >"$log" 2>&1 || rc=$?
  if [[ $rc -ne 0 ]] || grep -Eiq '\) : (error|warning|info) |warning' "$log"; then
    failures=$((failures + 1))
    echo "FAIL  $label (exit $rc)"
    sed 's/^/      /' "$log"
  else
    echo "ok    $label"
  fi
}

cd "$infra_dir"

# Guard: the linter configuration must really turn findings into errors.
cat >"$out/canary.bicep" <<'EOF'
param unused string = 'x'
EOF
canary_rc=0
"$bicep" lint "$out/canary.bicep" --config "$config" >"$out/canary.log" 2>&1 || canary_rc=$?
if [[ $canary_rc -eq 0 ]] || ! grep -q 'Error no-unused-params' "$out/canary.log"; then
  echo "FAIL  bicepconfig.json does not raise linter findings to errors:"
  sed 's/^/      /' "$out/canary.log"
  failures=$((failures + 1))
fi

run "build main.bicep" "$bicep" build main.bicep --outfile "$out/main.json"
run "lint main.bicep" "$bicep" lint main.bicep

# One process per glob keeps the script fast; diagnostics still name the file.
modules=(modules/*.bicep)
run "lint modules/*.bicep (${#modules[@]} files: ${modules[*]#modules/})" "$bicep" lint --pattern 'modules/*.bicep'

params=(*.bicepparam)
run "build-params ${params[*]}" "$bicep" build-params --pattern '*.bicepparam' --outdir "$out"
for file in "${params[@]}"; do
  if [[ ! -s "$out/${file%.bicepparam}.json" ]]; then
    echo "FAIL  build-params produced no $out/${file%.bicepparam}.json"
    failures=$((failures + 1))
  fi
done

elapsed=$(($(date +%s) - started))
if [[ $failures -ne 0 ]]; then
  echo "infra/build.sh: FAILED: $failures failed check(s) over $steps bicep steps; errors and warnings are listed above (bicep $version, ${elapsed}s)"
  exit 1
fi
echo "infra/build.sh: OK: bicep $version built main.bicep, linted $((1 + ${#modules[@]})) files, built ${#params[@]} parameter files: 0 errors, 0 warnings (${elapsed}s)"
