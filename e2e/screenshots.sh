#!/usr/bin/env bash
# Refreshes docs/screenshots/: the Playwright walk over every journey page (JourneyPagesTests, at 1440×900 and
# 390×844) saves the main pages there as it checks them. Needs what ./test.sh needs (Debian's chromium); about 5 min.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/docs/screenshots"
mkdir -p "$out"
dotnet build e2e/FactoryCloud.E2E -c Release -warnaserror --nologo -v quiet
FC_SCREENSHOTS="$out" dotnet test --project e2e/FactoryCloud.E2E -c Release --no-build -- --filter-class '*JourneyPagesTests*'
echo "Screenshots in $out"
