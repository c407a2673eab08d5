#!/bin/sh
# The Debian package: the distribution tree (dist.xml) with a Java runtime of its own, trimmed
# by jlink to the modules jstrace uses, packaged by the JDK's jpackage (which needs fakeroot and
# dpkg-deb). Installed in /opt/jstrace; postinst links /usr/bin/jstrace, the man pages and the
# completion scripts, and builds the class-data archive. deb-test.sh checks it. Run by the build with -Pdeb:
#   deb.sh TARGET VERSION   (TARGET: cli/target, after package)
set -eu
target=$1
version=${2%-SNAPSHOT}
here=$(cd "$(dirname "$0")" && pwd)
work=$target/deb-work
rm -rf "$work" && mkdir -p "$work"
# jdeps: java.base, java.logging, java.management, java.naming, jdk.unsupported; TLS's elliptic
# curves for jstrace ca; jar, which the launcher unpacks JNR's native stub with.
modules=java.base,java.logging,java.management,java.naming,jdk.unsupported,jdk.crypto.ec,jdk.jartool
tar -xzf "$target"/jstrace-*-dist.tar.gz -C "$work"
tree=$(echo "$work"/jstrace-*)
jpackage --type app-image --name jstrace --dest "$work/image" --input "$tree/lib/app" \
    --main-jar jstrace.jar --main-class io.jstrace.cli.Main --app-version "$version" \
    --add-modules "$modules" --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2"
image=$work/image/jstrace
# jpackage's native launcher out, the shell launcher in: it passes the traced command exactly
# the environment and descriptors jstrace was given.
cp "$tree/bin/jstrace" "$image/bin/jstrace"
# jpackage packs bin/ and lib/ alone: the man pages and completion go in lib/app/share
cp -R "$tree/share" "$image/lib/app/share"
rm -f "$target"/jstrace_*.deb
# dpkg-deb's default, xz, takes minutes over the runtime; gzip seconds (dpkg >= 1.21.10 reads this)
DPKG_DEB_COMPRESSOR_TYPE=gzip jpackage --type deb --app-image "$image" --name jstrace --app-version "$version" --dest "$target" \
    --resource-dir "$here/deb" --linux-package-name jstrace --linux-app-category devel \
    --linux-deb-maintainer jstrace@localhost \
    --description "strace, rebuilt in Java: trace system calls and signals; exec, net, dns and tls views"
rm -rf "$work"
ls "$target"/jstrace_*.deb
