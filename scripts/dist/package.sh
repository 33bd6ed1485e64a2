#!/usr/bin/env bash
# Packs a built opsctl binary into the release tarball the GitHub Action installs:
#   opsctl-<version>-linux-<arch>.tar.gz and opsctl-<version>-linux-<arch>.tar.gz.sha256
# Usage: scripts/dist/package.sh BINARY OUTPUT_DIRECTORY
#
# The tarball holds one directory with the binary, the README, the licence file when the
# repository has one, the man page, shell completions and BUILD-INFO, which records the glibc
# the binary was built against: the binary runs only where glibc is that version or newer.
# Entries are sorted, owned by root and dated SOURCE_DATE_EPOCH (0 by default), and gzip
# leaves out the name and time, so the same binary always gives the same bytes and checksum.
set -euo pipefail

binary="${1:?usage: package.sh BINARY OUTPUT_DIRECTORY}"
output="${2:?usage: package.sh BINARY OUTPUT_DIRECTORY}"
root="$(cd "$(dirname "$0")/../.." && pwd)"

version=$("$binary" version | awk '{ print $2 }')
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) arch="$(uname -m)" ;;
esac
glibc=$(getconf GNU_LIBC_VERSION | awk '{ print $2 }')
name="opsctl-$version-linux-$arch"

mkdir -p "$output"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
package="$staging/$name"
mkdir -p "$package/completions"

install -m 0755 "$binary" "$package/opsctl"
install -m 0644 "$root/README.md" "$package/README.md"
for licence in LICENSE LICENSE.md LICENSE.txt COPYING; do
  [ ! -f "$root/$licence" ] || install -m 0644 "$root/$licence" "$package/$licence"
done
"$binary" help --man > "$package/opsctl.1"
"$binary" completion bash > "$package/completions/opsctl.bash"
"$binary" completion zsh > "$package/completions/_opsctl"
"$binary" completion fish > "$package/completions/opsctl.fish"
built_on=$(. /etc/os-release && echo "$PRETTY_NAME")
# The newest glibc symbol version the binary itself references: what the dynamic loader checks.
# Libraries it links or opens (libcurl, libpq ...) come from the runner and bring their own needs, so
# the supported floor stays the glibc it was built against.
needed="unknown (objdump not installed)"
if command -v objdump >/dev/null; then
  needed=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)
fi
cat > "$package/BUILD-INFO" <<INFO
version: $version
architecture: $arch
glibc: $glibc
glibc symbols referenced, newest: $needed
built on: $built_on
runs on: Linux with glibc $glibc or newer and libyaml-0-2, libpq5, libcurl4, libssl3 installed
INFO

tarball="$output/$name.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-0}" \
  -C "$staging" -cf - "$name" | gzip -n -9 > "$tarball"
(cd "$output" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "$tarball"
echo "$tarball.sha256"
echo "built against glibc $glibc"
