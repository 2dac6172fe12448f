#!/usr/bin/env bash
# Smoke test of the npm package as a new user gets it: `npm pack` of bindings-wasm/pkg-npm
# (scripts/build-bindings wasm assembles it), the tarball installed into a fresh project
# of its own, then from there: (a) an ES module import and (b) a require (node --test),
# (c) Jest, (d) `tsc --strict` with the default lib on a typed use of both entries (Node
# ESM and CommonJS, and a bundler's resolution), (e) every JavaScript/TypeScript snippet
# of the READMEs that show the package (bindings-wasm/README.md's API sketch type-checked
# only), (f) a Vite app on saifu/checkout built and its bundle run, (g) the tarball
# linted: its types resolved for each entry under every TypeScript module resolution
# (arethetypeswrong) and package.json against the files (publint --strict). The test files are bindings-wasm/test/package/.
# Each part prints its own summary; a few seconds in all.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin=$root/bindings-wasm/node_modules/.bin # jest, typescript, vite, attw, publint: pinned in its package.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ./: a bare a/b would be read as a GitHub repository.
npm pack --silent --pack-destination "$tmp" ./bindings-wasm/pkg-npm >/dev/null
tarballs=("$tmp"/saifu-*.tgz)
[ ${#tarballs[@]} -eq 1 ] && [ -f "${tarballs[0]}" ] || { echo "smoke: want one tarball, found: ${tarballs[*]}" >&2; exit 1; }
tgz=${tarballs[0]}
echo "smoke: $(basename "$tgz"): $(wc -c <"$tgz") bytes, $(tar -tzf "$tgz" | wc -l) files"

app=$tmp/app
mkdir "$app"
echo '{ "name": "app", "private": true, "type": "module" }' >"$app/package.json"
# No registry: the package must need no dependencies.
(cd "$app" && npm install --silent --offline --no-audit --no-fund "$tgz")
cp bindings-wasm/test/package/* "$app/"

passed=0 failed=0
part() {
  local name=$1
  shift
  echo
  echo "--- $name"
  if (cd "$app" && "$@"); then passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi
}
# tsc is silent on success: one line per project checked.
tsc_all() {
  local p n=0 bad=0
  for p in tsconfig.json tsconfig.bundler.json; do
    if "$bin/tsc" -p "$p"; then n=$((n + 1)); else bad=$((bad + 1)); fi
  done
  echo "tsc --strict (default lib): $n passed, $bad failed"
  [ "$bad" -eq 0 ]
}

part "(a, b) node: import and require" node --test node.test.mjs node.test.cjs
part "(c) jest" "$bin/jest" --ci --rootDir . --testMatch '**/jest.test.cjs'
part "(d) tsc" tsc_all
part "(e) README snippets" node "$root/scripts/smoke/readme_snippets.mjs" "$root/README.md" "$root/bindings-wasm/npm/README.md" \
  "$root/bindings-wasm/README.md"
# Vite resolves `vite` for its config from the project: the pinned one, linked in.
ln -s "$root/bindings-wasm/node_modules/vite" "$app/node_modules/vite"
part "(f) vite build" sh -c "'$bin/vite' build --config vite.config.mjs && node --test vite.test.mjs"
lint() {
  local n=0 bad=0
  if "$bin/attw" --format table-flipped "$tgz"; then n=$((n + 1)); else bad=$((bad + 1)); fi
  if "$bin/publint" --strict "$root/bindings-wasm/pkg-npm"; then n=$((n + 1)); else bad=$((bad + 1)); fi
  echo "package lint: $n passed, $bad failed"
  [ "$bad" -eq 0 ]
}
part "(g) package lint" lint

echo
echo "npm smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
