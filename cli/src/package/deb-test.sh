#!/bin/sh
# Checks the .deb (deb.sh) as a machine without Java gets it: unpacked into a throw-away root
# (dpkg -x: the files the package installs, its own runtime among them), its jstrace run there
# with a PATH that has no java, tracing `true` with -f; the trace must be true's: its execve
# first, one pid, exit_group(0), "+++ exited with 0 +++" last. Run by the build with -Pdeb (verify).
#   deb-test.sh TARGET
set -eu
target=$1
deb=$(ls "$target"/jstrace_*.deb)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb --info "$deb" | grep -q '^ Package: jstrace$'
dpkg -x "$deb" "$tmp/root"
# a PATH of the few tools the launcher uses, and `true`: no java, no JDK
mkdir "$tmp/bin"
for t in sh cat rm mkdir uname readlink true; do ln -s "/bin/$t" "$tmp/bin/$t"; done
run() { env -i PATH="$tmp/bin" HOME="$tmp/home" "$tmp/root/opt/jstrace/bin/jstrace" "$@"; }
fail() { echo "deb-test: $*" >&2; exit 1; }
version=$(run -V) || fail "jstrace -V failed"
echo "$version" | grep -q "^jstrace -- version " || fail "jstrace -V: $version"
echo "$version" | grep -qF "$tmp/root/opt/jstrace/lib/runtime" || fail "not the package's own runtime: $version"
run -f -o "$tmp/trace" true || fail "jstrace -f -o FILE true: exit $?"
# with -f and -o, each line begins with the pid; true runs as one process
pid=$(head -n 1 "$tmp/trace" | cut -d' ' -f1)
head -n 1 "$tmp/trace" | grep -q "^$pid  execve(\"$tmp/bin/true\", \[\"true\"\], 0x[0-9a-f]* /\* 2 vars \*/) = 0$" ||
  fail "first line: $(head -n 1 "$tmp/trace")"
grep -vq "^$pid  " "$tmp/trace" && fail "a line of another pid: $(cat "$tmp/trace")"
grep -q "^$pid  exit_group(0) *= ?$" "$tmp/trace" || fail "no exit_group(0): $(cat "$tmp/trace")"
[ "$(tail -n 1 "$tmp/trace")" = "$pid  +++ exited with 0 +++" ] || fail "last line: $(tail -n 1 "$tmp/trace")"
# the man pages and completion travel in the package, for postinst to link
for f in share/man/man1/jstrace.1 share/man/man1/jstrace-exec.1 share/bash-completion/completions/jstrace \
    share/zsh/site-functions/_jstrace; do
  [ -s "$tmp/root/opt/jstrace/lib/app/$f" ] || fail "missing $f"
done
echo "deb-test: $(basename "$deb"): $(wc -l <"$tmp/trace") lines traced from true with the package's own runtime"
