#!/usr/bin/env bash
# Crash soak: the CI crash test with many more SIGKILLs (default 200). Usage: scripts/soak.sh [kills] [seed]
# A failing run prints its seed; pass it back to replay the same kill schedule.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export WORB_SOAK_KILLS="${1:-200}"
if [ -n "${2:-}" ]; then
  export WORB_SOAK_SEED="$2"
fi
exec dotnet test "$repo_root/tests/Worb.EndToEnd.Tests" -c Release \
  --filter "FullyQualifiedName~CrashTests" --logger "console;verbosity=detailed"
