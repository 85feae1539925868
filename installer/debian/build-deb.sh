#!/bin/sh
# A Debian package of the bundle: /opt/loket, a desktop entry and icon, and `loket` and
# `loket-admin` on the PATH.   sh installer/debian/build-deb.sh BUNDLE VERSION OUTDIR
set -eu
bundle=$1 version=$2 out=$3
here=$(dirname "$0")
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
         "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$root/opt/loket"
ln -s /opt/loket/loket "$root/usr/bin/loket"
ln -s /opt/loket/loket-admin "$root/usr/bin/loket-admin"
cp "$here/loket.desktop" "$root/usr/share/applications/loket.desktop"
cp "$here/loket.svg" "$root/usr/share/icons/hicolor/scalable/apps/loket.svg"
size=$(du -sk "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" "$here/control" > "$root/DEBIAN/control"
dpkg-deb --build --root-owner-group "$root" "$out/loket_${version}_amd64.deb" >/dev/null
echo "$out/loket_${version}_amd64.deb"
