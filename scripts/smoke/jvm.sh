#!/usr/bin/env bash
# Smoke test of the JVM package as a new user gets it:
#  1. the jar jp.saifu:saifu built the way scripts/release builds it (bindings-uniffi/jvm/
#     pom.xml: the generated Kotlin compiled, the native library inside under
#     linux-x86-64/ or linux-aarch64/), here from the test build (scripts/build-bindings uniffi: the debug
#     library and the Kotlin generated from it), for this machine's platform only (the
#     release cross-builds linux-aarch64 with zig: minutes); or the jar named by
#     SAIFU_JAR (e.g. scripts/release's dist/jvm/saifu-VERSION.jar, both platforms);
#  2. installed with `mvn install:install-file` into a throwaway local repository;
#  3. a fresh Maven project (scripts/smoke/jvm/pom.xml) in a temp directory, depending on
#     jp.saifu:saifu and JNA only, with README.md's ```kotlin block as its main, compiled
#     and run in a JVM of its own with nothing but the classpath (no jna.library.path, no
#     LD_LIBRARY_PATH): its output must be what the snippet's comments promise (each
#     `println(...)  // text` line, one output line `text`, in order), and JNA must have
#     loaded libsaifu_ffi.so from inside the jar.
# The fresh project's local repository holds only the jar; everything else is read from
# ~/.m2 as a file:// mirror (scripts/smoke/jvm/settings.xml): no network, ~/.m2 never
# written. Needs the Kotlin suite's Maven artifacts in ~/.m2 (scripts/test runs it first).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
version=$(awk -F'"' '/^\[workspace.package\]/ { p = 1 } p && /^version/ { print $2; exit }' Cargo.toml)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset LD_LIBRARY_PATH JAVA_TOOL_OPTIONS
# JNA's resource prefix for this machine (the jar's directories, bindings-uniffi/jvm/pom.xml).
case $(uname -m) in
  x86_64) platform=linux-x86-64 ;;
  aarch64) platform=linux-aarch64 ;;
  *) echo "smoke: no jar platform for $(uname -m)" >&2; exit 1 ;;
esac

# 1. The jar.
if [ -n "${SAIFU_JAR:-}" ]; then
  jar=$(realpath "$SAIFU_JAR")
else
  lib=target/debug/libsaifu_ffi.so generated=bindings-uniffi/kotlin/target/generated-sources/uniffi
  [ -f "$lib" ] && [ -d "$generated/jp/saifu" ] || { echo "smoke: run scripts/build-bindings uniffi first" >&2; exit 1; }
  mkdir -p "$tmp/native/$platform"
  # Without its debug info (the release library is stripped too); the symbols stay.
  objcopy --strip-debug "$lib" "$tmp/native/$platform/libsaifu_ffi.so"
  mvn -B -q -f bindings-uniffi/jvm/pom.xml -Dsaifu.generated.dir="$root/$generated" \
    -Dsaifu.native.dir="$tmp/native" clean package
  jar=$root/bindings-uniffi/jvm/target/saifu-$version.jar
fi
echo "smoke: the jar in ${SECONDS}s"
natives=$(unzip -Z1 "$jar" | grep -c '^linux-.*/libsaifu_ffi\.so$' || true)
echo "smoke: $(basename "$jar"): $(wc -c <"$jar") bytes, $(unzip -Z1 "$jar" | grep -c '\.class$') classes," \
  "native libraries: $(unzip -Z1 "$jar" | grep '/libsaifu_ffi\.so$' | tr '\n' ' ')"
[ "$natives" -ge 1 ] || { echo "smoke: no linux-*/libsaifu_ffi.so in the jar" >&2; exit 1; }

# 2. Into a throwaway local repository (the plugin reads ~/.m2 for itself, as any mvn call).
repo=$tmp/m2
mvn -B -q org.apache.maven.plugins:maven-install-plugin:2.5.2:install-file -Dfile="$jar" \
  -DpomFile=bindings-uniffi/jvm/pom.xml -DlocalRepositoryPath="$repo"
start=$SECONDS

# 3. The fresh project, its main the README's Kotlin block.
app=$tmp/app
mkdir -p "$app/src/main/kotlin"
cp scripts/smoke/jvm/pom.xml "$app/"
python3 - README.md "$app/src/main/kotlin/Main.kt" "$app/expected" <<'PY'
import pathlib, re, sys
text = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
blocks = re.findall(r"^```kotlin\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
if len(blocks) != 1:
    sys.exit(f"smoke: want one ```kotlin block in {sys.argv[1]}, found {len(blocks)}")
promised = [m.group(1).rstrip() for m in (re.match(r"^\s*println\(.*\)\s+// (.+)$", l) for l in blocks[0].splitlines()) if m]
if not promised:
    sys.exit("smoke: the ```kotlin block promises no output (a println with a `// output` comment)")
pathlib.Path(sys.argv[2]).write_text(blocks[0], encoding="utf-8")
pathlib.Path(sys.argv[3]).write_text("".join(p + "\n" for p in promised), encoding="utf-8")
PY
(cd "$app" && mvn -B -q -s "$root/scripts/smoke/jvm/settings.xml" -Dmaven.repo.local="$repo" \
  -Dsaifu.version="$version" package >"$app/out" 2>"$app/err") || {
  cat "$app/out" "$app/err"
  echo "smoke: the fresh project failed" >&2
  exit 1
}
echo "smoke: the fresh project compiled and run in $((SECONDS - start))s"
# Maven 3.8's console resets its colours even in batch mode: escapes are not output.
sed -i 's/\x1b\[[0-9;]*m//g' "$app/out" "$app/err"

passed=0 failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
same_output() {
  if diff -u --label promised --label printed "$app/expected" "$app/out"; then
    echo "ok   README.md kotlin block: $(wc -l <"$app/expected") output lines as promised"
  else
    echo "FAIL README.md kotlin block: output differs (above)"
    return 1
  fi
}
from_jar() {
  local found
  found=$(grep -o "Found library resource at jar:file:.*!/$platform/libsaifu_ffi\.so" "$app/err" | head -1 || true)
  # The installed artifact's path in the throwaway repository: the jar under test.
  if [[ $found == *"/jp/saifu/saifu/$version/saifu-$version.jar!"* ]]; then
    echo "ok   JNA: ${found/$tmp/\$tmp}"
  else
    echo "FAIL JNA did not load libsaifu_ffi.so from the jar; its log:"
    cat "$app/err"
    return 1
  fi
}
check same_output
check from_jar
echo "jvm smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
