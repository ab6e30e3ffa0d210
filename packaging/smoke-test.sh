#!/usr/bin/env bash
# Smoke test of the Linux installer: installs the .deb (dpkg -i as root; unpacked with
# dpkg-deb -x into a temporary folder where installing is not possible or gpufleet is already
# installed), then from the installed launcher
#   - `gpufleet --version` must print the package's version (no -SNAPSHOT),
#   - `gpufleet screenshot --view fleet --demo` under xvfb-run must write a non-blank PNG,
# checks the desktop entry and the runtime's module list, and uninstalls again (the machine is
# left as it was found).
#
#   packaging/smoke-test.sh [FILE.deb]     (default: packaging/target/installers/gpufleet_*.deb)
#
# GPUFLEET_SMOKE_UNPACK=1 unpacks even as root; GPUFLEET_SMOKE_TIMEOUT (default 300s) bounds the
# screenshot on a loaded machine. Needs xvfb-run and a JDK 25 (JAVA_HOME) to check
# the PNG; the app itself runs on the runtime inside the package.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/packaging"
say() { printf '[smoke] %s\n' "$*" >&2; }
fail() { printf '[smoke] FAILED: %s\n' "$*" >&2; exit 1; }

deb="${1:-$(ls "$here"/target/installers/gpufleet_*.deb 2>/dev/null | head -n 1)}"
[ -n "$deb" ] && [ -f "$deb" ] ||
  fail "no .deb to test: build one with packaging/build-installers.sh deb (or name it: smoke-test.sh FILE.deb)"
command -v xvfb-run >/dev/null || fail "xvfb-run is missing: apt-get install xvfb xauth"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$java_home/bin/java" ] || fail "no JDK at $java_home (set JAVA_HOME) to check the screenshot with"

pom_version="$(sed -n '/<artifactId>gpufleet-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
deb_version="$(dpkg-deb -f "$deb" Version)"
[ "$deb_version" = "${pom_version%-SNAPSHOT}" ] || [ -n "${GPUFLEET_VERSION:-}" ] ||
  fail "$deb is version $deb_version, the pom says $pom_version: rebuild it"
[[ "$deb_version" != *SNAPSHOT* ]] || fail "the package version $deb_version still says SNAPSHOT"

tmp="$(mktemp -d)"
installed=""
remove_added_dependencies() {
  if [ -s "$tmp/added" ]; then
    say "purging the dependencies it added: $(tr '\n' ' ' <"$tmp/added")"
    # shellcheck disable=SC2046 # one package a line
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $(cat "$tmp/added") >/dev/null 2>&1 ||
      say "warning: could not purge $(tr '\n' ' ' <"$tmp/added")"
    : >"$tmp/added"
  fi
}
cleanup() {
  if [ -n "$installed" ]; then
    say "uninstalling (dpkg --purge gpufleet)"
    dpkg --purge gpufleet >/dev/null 2>&1 || say "warning: dpkg --purge gpufleet failed; remove it by hand"
  fi
  remove_added_dependencies
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- install -----------------------------------------------------------------------------------
# The package's dependencies that are missing here are installed with apt-get first and purged
# again at the end (exactly the packages that were added), so the machine is left as it was.
packages_now() { dpkg-query -W -f '${Package}\n' | sort; }
install_missing_dependencies() {
  local missing=() dependency
  for dependency in $(dpkg-deb -f "$deb" Depends | tr -d ,); do
    dpkg -s "$dependency" >/dev/null 2>&1 || missing+=("$dependency")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  command -v apt-get >/dev/null || return 1
  say "installing its missing dependencies first: ${missing[*]}"
  packages_now >"$tmp/before"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$tmp/apt.log" 2>&1 ||
    { tail -n 5 "$tmp/apt.log" >&2; return 1; }
  packages_now | comm -13 "$tmp/before" - >"$tmp/added"
}
if [ "$(id -u)" -eq 0 ] && [ -z "${GPUFLEET_SMOKE_UNPACK:-}" ] && ! dpkg -s gpufleet >/dev/null 2>&1; then
  if ! install_missing_dependencies; then
    say "could not install the package's dependencies (above); unpacking instead"
  elif say "installing $(basename "$deb") (dpkg -i)" && dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1; then
    installed=yes
    prefix=""
  else
    grep -E 'depends on|error' "$tmp/dpkg.log" >&2 || tail -n 5 "$tmp/dpkg.log" >&2
    dpkg --purge gpufleet >/dev/null 2>&1 || true
    say "dpkg -i failed (above); unpacking instead"
  fi
fi
if [ -z "$installed" ]; then
  say "unpacking $(basename "$deb") (dpkg-deb -x) into $tmp/root"
  dpkg-deb -x "$deb" "$tmp/root"
  prefix="$tmp/root"
fi
launcher="$prefix/opt/gpufleet/bin/gpufleet"
[ -x "$launcher" ] || fail "the package holds no launcher at /opt/gpufleet/bin/gpufleet"
if [ -n "$installed" ]; then
  [ "$(command -v gpufleet)" = /usr/bin/gpufleet ] || fail "installed, but gpufleet is not on the PATH as /usr/bin/gpufleet"
  launcher=gpufleet
fi

# --- what was installed ------------------------------------------------------------------------
desktop="$prefix/opt/gpufleet/lib/gpufleet-gpufleet.desktop"
grep -qx 'Categories=System;Monitor;' "$desktop" || fail "$desktop lacks Categories=System;Monitor;"
grep -q '^Comment=.\+' "$desktop" || fail "$desktop has no Comment"
grep -qx 'Icon=/opt/gpufleet/lib/gpufleet.png' "$desktop" || fail "$desktop names another icon"
modules="$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$prefix/opt/gpufleet/lib/runtime/release")"
for needed in java.base javafx.controls javafx.graphics jdk.httpserver java.net.http; do
  [[ " $modules " == *" $needed "* ]] || fail "the runtime lacks $needed (it has: $modules)"
done
for unwanted in jdk.compiler jdk.jshell jdk.jpackage java.se; do
  [[ " $modules " != *" $unwanted "* ]] || fail "the runtime holds $unwanted, which the app does not need"
done
say "runtime: $(wc -w <<<"$modules") modules; desktop entry: System;Monitor;"

# --- run it ------------------------------------------------------------------------------------
export HOME="$tmp/home" # a user with no kubeconfig, no settings and no JavaFX native cache
mkdir -p "$HOME"
start=$(date +%s%N)
version_out="$("$launcher" --version 2>&1)" || fail "gpufleet --version failed: $version_out"
version_ms=$((($(date +%s%N) - start) / 1000000))
printf '%s\n' "$version_out" | sed 's/^/[smoke]   /' >&2
head -n 1 <<<"$version_out" | grep -qx "gpufleet $deb_version" ||
  fail "gpufleet --version printed '$(head -n 1 <<<"$version_out")', expected 'gpufleet $deb_version' (the package's)"

shot="$tmp/fleet.png"
start=$(date +%s%N)
# The command's own limit is 60 s; a loaded CI machine needs longer (GPUFLEET_SMOKE_TIMEOUT).
xvfb-run -a -s "-screen 0 1920x1080x24" "$launcher" screenshot --view fleet --demo --out "$shot" \
  --timeout "${GPUFLEET_SMOKE_TIMEOUT:-300s}" >"$tmp/shot.log" 2>&1 ||
  { grep -v '^#' "$tmp/shot.log" | tail -n 20 >&2; fail "gpufleet screenshot failed (its output is above)"; }
shot_ms=$((($(date +%s%N) - start) / 1000000))
grep -q 'GPU cells' "$tmp/shot.log" || { cat "$tmp/shot.log" >&2; fail "gpufleet screenshot did not say what it drew"; }
check="$("$java_home/bin/java" -Djava.awt.headless=true "$here/src/main/java/dev/gpufleet/packaging/PngCheck.java" \
  "$shot" 1480x920)" || fail "$check"
say "screenshot $check"
[ ! -e "$HOME/.openjfx" ] || fail "JavaFX unpacked its native libraries into ~/.openjfx: the runtime should hold them"
if [ -n "${GPUFLEET_SMOKE_KEEP:-}" ]; then cp "$shot" "$GPUFLEET_SMOKE_KEEP"; fi

# --- uninstall ---------------------------------------------------------------------------------
how="unpacked"
if [ -n "$installed" ]; then
  dpkg --purge gpufleet >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg --purge gpufleet failed"; }
  installed=""
  [ ! -e /opt/gpufleet ] && [ ! -L /usr/bin/gpufleet ] || fail "uninstalled, but /opt/gpufleet or /usr/bin/gpufleet is left"
  ! ls /usr/share/applications/gpufleet-*.desktop >/dev/null 2>&1 || fail "uninstalled, but its desktop entry is left"
  how="installed with dpkg and removed again"
  [ ! -s "$tmp/added" ] || how="$how (with $(tr '\n' ' ' <"$tmp/added" | sed 's/ $//'), purged again)"
  remove_added_dependencies
fi

say "passed: $(basename "$deb") ($(du -k "$deb" | cut -f 1) KiB), $how," \
  "--version ${version_ms} ms, headless fleet screenshot ${shot_ms} ms"
