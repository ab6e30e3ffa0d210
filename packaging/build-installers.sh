#!/usr/bin/env bash
# Builds gpufleet's native installers with jlink and jpackage:
#
#   packaging/build-installers.sh [app-image|deb|rpm|dmg|msi|all]...
#
# `all` (the default) is app-image, deb and rpm on Linux, app-image and dmg on macOS, app-image
# and msi on Windows; each OS builds only its own kinds. The installers land in
# packaging/target/installers/ with their sizes printed at the end.
#
# Steps: build the app (skip with GPUFLEET_SKIP_BUILD=1 when app/target is fresh), draw the icon,
# list the JDK modules the app needs with jdeps, jlink one runtime holding those and the JavaFX
# modules (the JavaFX jars of app/target/lib are modular, which jlink accepts; their native
# libraries go beside the JDK's own so nothing is unpacked into the user's home at start),
# jpackage an app image from it, then each installer from that image.
#
# Environment: JAVA_HOME (a JDK 25 with jlink and jpackage; else /usr/lib/jvm/temurin-25-*),
# GPUFLEET_VERSION (the installers' version; default the pom's without -SNAPSHOT),
# GPUFLEET_MVN_FLAGS (extra Maven flags, e.g. -o), GPUFLEET_SKIP_BUILD=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/packaging"
work="$here/target/installers-work"
out="$here/target/installers"

say() { printf '[installers] %s\n' "$*" >&2; }
die() { printf 'build-installers: %s\n' "$*" >&2; exit 1; }

case "$(uname -s)" in
  Linux) os=linux native='*.so' native_dir=lib sep=':' ;;
  Darwin) os=mac native='*.dylib' native_dir=lib sep=':' ;;
  MINGW* | MSYS* | CYGWIN*) os=windows native='*.dll' native_dir=bin sep=';' ;;
  *) die "unsupported OS $(uname -s): jpackage builds Linux, macOS and Windows installers" ;;
esac

# --- which installers ----------------------------------------------------------------------
kinds_for_os() {
  case "$os" in
    linux) echo "app-image deb rpm" ;;
    mac) echo "app-image dmg" ;;
    windows) echo "app-image msi" ;;
  esac
}
requested=("$@")
[ ${#requested[@]} -gt 0 ] || requested=(all)
kinds=()
for kind in "${requested[@]}"; do
  case "$kind" in
    all) read -r -a more <<<"$(kinds_for_os)"; kinds+=("${more[@]}") ;;
    app-image) kinds+=(app-image) ;;
    deb | rpm) [ "$os" = linux ] || die "$kind installers are built on Linux (this is $os)"; kinds+=("$kind") ;;
    dmg) [ "$os" = mac ] || die "dmg installers are built on macOS (this is $os)"; kinds+=(dmg) ;;
    msi) [ "$os" = windows ] || die "msi installers are built on Windows with WiX (this is $os)"; kinds+=(msi) ;;
    -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown installer kind '$kind': use app-image, deb, rpm, dmg, msi or all" ;;
  esac
done

# --- tools ---------------------------------------------------------------------------------
find_jdk() {
  local home
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64; do
    [ -n "$home" ] && [ -x "$home/bin/jpackage" ] && [ -x "$home/bin/jlink" ] && { echo "$home"; return 0; }
  done
  return 1
}
JAVA_HOME="$(find_jdk)" || die "no JDK with jlink and jpackage found: set JAVA_HOME to a JDK 25 (e.g. Temurin 25)"
export JAVA_HOME
jdk_major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")"
[ "${jdk_major:-0}" -ge 25 ] || die "JAVA_HOME ($JAVA_HOME) is JDK ${jdk_major:-?}; the app needs JDK 25 or newer"
for kind in "${kinds[@]}"; do
  case "$kind" in
    deb) command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null ||
      die "deb needs fakeroot and dpkg-deb: apt-get install fakeroot dpkg-dev" ;;
    rpm) command -v rpmbuild >/dev/null || die "rpm needs rpmbuild: apt-get install rpm (Debian/Ubuntu) or dnf install rpm-build" ;;
  esac
done

# --- version ---------------------------------------------------------------------------------
pom_version="$(sed -n '/<artifactId>gpufleet-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
[ -n "$pom_version" ] || die "could not read the version from $root/pom.xml"
version="${GPUFLEET_VERSION:-${pom_version%-SNAPSHOT}}"
version="${version#v}"
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] ||
  die "version '$version' is not one to three numbers (jpackage needs e.g. 1.2.3); set GPUFLEET_VERSION"

# --- the app ---------------------------------------------------------------------------------
if [ -z "${GPUFLEET_SKIP_BUILD:-}" ]; then
  say "building the app (./mvnw package -pl app -am, tests skipped)"
  # shellcheck disable=SC2086 # a list of flags
  (cd "$root" && ./mvnw -B -q -DskipTests -Dstyle.color=never ${GPUFLEET_MVN_FLAGS:-} -pl app -am package)
fi
app_jar="$root/app/target/gpufleet-app-$pom_version.jar"
[ -f "$app_jar" ] || die "$app_jar is missing: build the app first (./mvnw -pl app -am package)"

rm -rf "$work" "$out" && mkdir -p "$work/input" "$work/fx" "$work/icons" "$out"
cp "$app_jar" "$work/input/"
for lib in "$root"/app/target/lib/*.jar; do
  case "$(basename "$lib")" in
    javafx-*-*-*.jar) cp "$lib" "$work/fx/" ;; # the platform jars (javafx-base-25.0.2-linux.jar)
    javafx-*) ;;                                # empty placeholders that pick the platform jar
    *) cp "$lib" "$work/input/" ;;
  esac
done
ls "$work"/fx/*.jar >/dev/null 2>&1 || die "no JavaFX platform jars in app/target/lib"
# Paths relative to $work from here on: they read the same to Git Bash and to Windows' jlink.
cd "$work"

# --- icon ------------------------------------------------------------------------------------
"$JAVA_HOME/bin/java" -Djava.awt.headless=true ../../src/main/java/dev/gpufleet/packaging/IconMaker.java icons
case "$os" in
  linux) icon=icons/gpufleet.png ;;
  mac) icon=icons/gpufleet.icns ;;
  windows) icon=icons/gpufleet.ico ;;
esac

# --- runtime ---------------------------------------------------------------------------------
fx_path="$(cd fx && ls *.jar | sed 's:^:fx/:' | paste -sd "$sep" -)"
class_path="$(cd input && ls *.jar | sed 's:^:input/:' | paste -sd "$sep" -)"
# jdeps reads every class the app and its libraries reference (multi-release jars as on JDK 25);
# what it cannot see — services looked up by name — is added by hand, each with its reason.
modules="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 \
  --module-path "$fx_path" --class-path "$class_path" input/*.jar 2>/dev/null | tail -n 1)"
[[ "$modules" == java.base* ]] || die "jdeps did not list the modules (got: '$modules')"
# jdk.charsets: Windows console code pages and other legacy encodings of terminals and files.
modules="$modules,jdk.charsets"
echo "$modules" | tr ',' '\n' >modules.txt
say "runtime modules: $modules"
"$JAVA_HOME/bin/jlink" --module-path "$fx_path" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress zip-6 --strip-native-commands \
  --exclude-resources "glob:**$native" --output runtime
mkdir natives
(cd natives && for jar in ../fx/*.jar; do "$JAVA_HOME/bin/jar" xf "$jar"; done)
find natives -maxdepth 1 -name "$native" -exec cp {} runtime/"$native_dir"/ \;
ls runtime/"$native_dir"/$native | grep -q glass || die "no JavaFX native libraries ($native) found in the JavaFX jars"

# --- app image and installers ------------------------------------------------------------------
bundle_version="$version"
if [ "$os" = mac ] && [[ "$version" == 0* ]]; then
  # macOS bundle versions must start at 1 (CFBundleVersion): jpackage refuses 0.x. The bundle
  # gets 1.x.y and the .dmg keeps the real version in its file name (renamed below).
  bundle_version="1.${version#0.}"
fi
common=(--name gpufleet --app-version "$bundle_version" --vendor "gpufleet project"
  --description "Desktop console for GPU fleets on Kubernetes: heatmap, triage, drains, capacity"
  --copyright "gpufleet contributors")

image_args=(--type app-image --dest image --runtime-image runtime --input input --icon "$icon"
  --main-jar "$(basename "$app_jar")" --main-class dev.gpufleet.app.Main
  --java-options "--enable-native-access=javafx.graphics,ALL-UNNAMED"
  --java-options "-Dgpufleet.version=$version")
case "$os" in
  mac) image_args+=(--mac-package-identifier dev.gpufleet.console --mac-package-name gpufleet) ;;
  windows) # The main launcher opens no console window; gpufleet-cli is the same program for a terminal.
    cp "$here/windows/gpufleet-cli.properties" .
    image_args+=(--add-launcher gpufleet-cli=gpufleet-cli.properties) ;;
esac
say "app image (jpackage --type app-image)"
"$JAVA_HOME/bin/jpackage" "${common[@]}" "${image_args[@]}"
case "$os" in
  mac) app_image=image/gpufleet.app ;;
  *) app_image=image/gpufleet ;;
esac

installer_common=(--app-image "$app_image" --dest ../installers --icon "$icon"
  --about-url "https://github.com/gpufleet/gpufleet")
if [ -f "$root/LICENSE" ]; then
  cp "$root/LICENSE" LICENSE.txt
  installer_common+=(--license-file LICENSE.txt)
fi
for kind in "${kinds[@]}"; do
  [ "$kind" = app-image ] && continue
  args=(--type "$kind" "${installer_common[@]}")
  case "$kind" in
    deb | rpm)
      # linux/: the deb's postinst and prerm, jpackage's own plus a /usr/bin/gpufleet link.
      args+=(--linux-shortcut --linux-menu-group "System;Monitor;" --linux-app-category admin
        --linux-deb-maintainer gpufleet@users.noreply.github.com
        --resource-dir "$here/linux") ;;
    msi)
      args+=(--win-menu --win-menu-group gpufleet --win-shortcut --win-dir-chooser
        --win-upgrade-uuid 5b1f0b6e-3c55-4f8e-9a4a-6f2d2a1c9e10) ;;
  esac
  say "$kind (jpackage --type $kind)"
  "$JAVA_HOME/bin/jpackage" "${common[@]}" "${args[@]}"
done
if [ "$bundle_version" != "$version" ]; then
  for dmg in "$out"/gpufleet-"$bundle_version".dmg; do
    [ -f "$dmg" ] && mv -f "$dmg" "$out/gpufleet-$version.dmg"
  done
fi

# The app image as an archive too: it runs wherever it is unpacked.
if [[ " ${kinds[*]} " == *" app-image "* ]]; then
  archive="gpufleet-$version-$os-app-image"
  case "$os" in
    windows) (cd image && powershell -NoProfile -Command "Compress-Archive -Force -Path gpufleet -DestinationPath ../$archive.zip") && mv -f "$archive.zip" "$out/" ;;
    *) tar -C image -czf "$out/$archive.tar.gz" "$(basename "$app_image")" ;;
  esac
fi

# --- sizes -----------------------------------------------------------------------------------
size_of() { du -sk "$1" | cut -f 1; }
say "version $version (pom $pom_version), JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
say "runtime image: $(size_of runtime) KiB; app image: $(size_of "$app_image") KiB"
for file in "$out"/*; do
  say "$(basename "$file"): $(size_of "$file") KiB"
done
