#!/usr/bin/env bash
# Installs the opsctl release binary for this runner, as the composite action's first step.
#
# Reads (all optional):
#   OPSCTL_VERSION       release to install, "0.1.0" or "latest" (default)
#   OPSCTL_DOWNLOAD_URL  the tarball's URL, instead of the repository's releases; its
#                        checksum is read from the same URL with ".sha256" appended
#   OPSCTL_REPOSITORY    owner/name whose releases to use (default: $GITHUB_REPOSITORY)
#   RUNNER_TOOL_CACHE    where installed versions are kept between steps (the runner sets it)
#   GITHUB_PATH, GITHUB_OUTPUT  files the runner reads afterwards
#
# The checksum is downloaded and compared before anything is unpacked: a tarball whose
# SHA-256 differs is refused and nothing is installed. A version already in the tool cache
# with the same checksum is reused without downloading the tarball again.
set -euo pipefail

fail() {
  echo "::error title=opsctl install::$1"
  exit 1
}

[ "$(uname -s)" = Linux ] || fail "opsctl release binaries are built for Linux runners only (this runner is $(uname -s))"
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) fail "no opsctl release for the $(uname -m) architecture" ;;
esac

version="${OPSCTL_VERSION:-latest}"
version="${version#v}"
download_url="${OPSCTL_DOWNLOAD_URL:-}"
server="${GITHUB_SERVER_URL:-https://github.com}"
repository="${OPSCTL_REPOSITORY:-${GITHUB_REPOSITORY:-}}"

if [ -z "$download_url" ]; then
  [ -n "$repository" ] || fail "no repository to download opsctl from: set the download-url input"
  if [ "$version" = latest ]; then
    # The latest release's page redirects to its tag; the tag names the version.
    latest=$(curl --fail --silent --show-error --location --retry 3 --output /dev/null \
      --write-out '%{url_effective}' "$server/$repository/releases/latest") ||
      fail "could not find the latest opsctl release of $repository"
    version="${latest##*/}"
    version="${version#v}"
    [ -n "$version" ] && [ "$version" != latest ] || fail "$repository has no opsctl release yet"
  fi
  download_url="$server/$repository/releases/download/v$version/opsctl-$version-linux-$arch.tar.gz"
fi
checksum_url="$download_url.sha256"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

curl --fail --silent --show-error --location --retry 3 --output "$work/checksum" "$checksum_url" ||
  fail "could not download the checksum $checksum_url"
expected=$(awk 'NR == 1 { print tolower($1) }' "$work/checksum")
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || fail "$checksum_url does not hold a SHA-256 checksum"

# A release is cached under its version; a tarball from download-url without a version is
# cached under its checksum, so two different tarballs never share a directory.
cache_version="$version"
[ "$cache_version" != latest ] || cache_version="sha256-${expected:0:16}"
cache_root="${RUNNER_TOOL_CACHE:-${TMPDIR:-/tmp}/opsctl-tool-cache}"
install_dir="$cache_root/opsctl/$cache_version/$arch"
marker="$install_dir.complete"

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$expected" ] && [ -x "$install_dir/opsctl" ]; then
  echo "opsctl $cache_version found in the tool cache ($install_dir)"
else
  curl --fail --silent --show-error --location --retry 3 --output "$work/opsctl.tar.gz" "$download_url" ||
    fail "could not download $download_url"
  actual=$(sha256sum "$work/opsctl.tar.gz" | awk '{ print $1 }')
  if [ "$actual" != "$expected" ]; then
    fail "checksum mismatch for $download_url: expected $expected, got $actual; nothing was installed"
  fi
  mkdir -p "$work/unpacked"
  tar -xzf "$work/opsctl.tar.gz" -C "$work/unpacked"
  binary=$(find "$work/unpacked" -type f -name opsctl -perm -u+x | head -n 1)
  [ -n "$binary" ] || fail "the tarball from $download_url holds no opsctl binary"
  rm -rf "$install_dir" "$marker"
  mkdir -p "$(dirname "$install_dir")"
  mv "$(dirname "$binary")" "$install_dir"
  echo "$expected" > "$marker"
  echo "opsctl installed in $install_dir (sha256 $expected)"
fi

# The binary links a few Debian/Ubuntu libraries dynamically and opens libcurl, libpq and
# libcrypto when a command needs them (so ldd does not list those three; they are looked for in
# the loader's cache by soname). Install the ones the runner lacks (GitHub's Ubuntu images
# usually have libcurl and libcrypto, not always libyaml or libpq).
missing_libraries() {
  ldd "$install_dir/opsctl" 2>/dev/null | awk '/not found/ { print $1 }'
  local cache
  cache=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)
  # Without the cache there is nothing to look in: `opsctl version` below still runs, and a
  # command that needs a missing library names it and its package.
  [ -n "$cache" ] || return 0
  for soname in libcurl.so.4 libpq.so.5 libcrypto.so.3; do
    grep -q "^[[:space:]]*$soname " <<<"$cache" || echo "$soname"
  done
}
missing_packages=()
while read -r library; do
  case "$library" in
    libyaml-0.so.*) missing_packages+=(libyaml-0-2) ;;
    libpq.so.*) missing_packages+=(libpq5) ;;
    libcurl.so.*) missing_packages+=(libcurl4) ;;
    libcrypto.so.* | libssl.so.*) missing_packages+=(libssl3) ;;
    *) fail "opsctl needs $library, which this runner lacks and the action does not know how to install" ;;
  esac
done < <(missing_libraries)
if [ "${#missing_packages[@]}" -gt 0 ]; then
  echo "installing the libraries opsctl links: ${missing_packages[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing_packages[@]}"
fi

"$install_dir/opsctl" version >/dev/null 2>&1 ||
  fail "the installed opsctl does not run on this runner; see the README's GitHub Actions section for the supported runner images"

[ -z "${GITHUB_PATH:-}" ] || echo "$install_dir" >> "$GITHUB_PATH"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "path=$install_dir"
    echo "version=$cache_version"
  } >> "$GITHUB_OUTPUT"
fi
