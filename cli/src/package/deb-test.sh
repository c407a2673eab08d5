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
# with -f and -o, each line begins with the pid (padded to 5); true runs as one process
pid=$(head -n 1 "$tmp/trace" | cut -d' ' -f1)
head -n 1 "$tmp/trace" | grep -q "^$pid  *execve(\"$tmp/bin/true\", \[\"true\"\], 0x[0-9a-f]* /\* 2 vars \*/) = 0$" ||
  fail "first line: $(head -n 1 "$tmp/trace")"
grep -vq "^$pid " "$tmp/trace" && fail "a line of another pid: $(cat "$tmp/trace")"
grep -q "^$pid  *exit_group(0) *= ?$" "$tmp/trace" || fail "no exit_group(0): $(cat "$tmp/trace")"
tail -n 1 "$tmp/trace" | grep -q "^$pid  *+++ exited with 0 +++$" || fail "last line: $(tail -n 1 "$tmp/trace")"
# the man pages and completion travel in the package, for postinst to link
for f in share/man/man1/jstrace.1 share/man/man1/jstrace-exec.1 share/bash-completion/completions/jstrace \
    share/zsh/site-functions/_jstrace; do
  [ -s "$tmp/root/opt/jstrace/lib/app/$f" ] || fail "missing $f"
done
echo "deb-test: $(basename "$deb"): $(wc -l <"$tmp/trace") lines traced from true with the package's own runtime"

# As root, where mount namespaces and overlayfs are allowed: apt installs the package (postinst
# included) into a copy-on-write root of this machine with every JDK removed, and the command
# on PATH traces true there. Nothing of it reaches this machine's own files.
[ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null || { echo "deb-test: apt install skipped (needs root)"; exit 0; }
mkdir "$tmp/cow"
cp "$deb" "$tmp/cow/jstrace.deb"
unshare -m sh -eu -c '
  t=$1
  mount --make-rprivate /
  for d in usr etc var opt; do
    mkdir -p "$t/$d.up" "$t/$d.work" "$t/root/$d" "/$d"
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$t/$d.up,workdir=$t/$d.work" "$t/root/$d"
  done
  for l in bin lib lib64 sbin; do ln -s "usr/$l" "$t/root/$l"; done
  mkdir -p "$t/root/proc" "$t/root/dev" "$t/root/tmp"
  mount -t proc proc "$t/root/proc"; mount --rbind /dev "$t/root/dev"; mount -t tmpfs tmpfs "$t/root/tmp"
  cp "$t/jstrace.deb" "$t/root/tmp/"
  chroot "$t/root" /bin/sh -eu -c "
    rm -rf /usr/lib/jvm /etc/alternatives/java* /usr/bin/java /usr/bin/javac /usr/bin/jar
    if command -v java; then echo deb-test: a java is left on PATH; exit 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/jstrace.deb >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
    cd /tmp && jstrace -f -o trace true
    pid=\$(head -n 1 trace | cut -d\" \" -f1)
    head -n 1 trace | grep -q \"^\$pid  *execve(\\\"/usr/bin/true\\\", \\[\\\"true\\\"\\]\"
    tail -n 1 trace | grep -q \"^\$pid  *+++ exited with 0 +++\$\"
    jstrace -V | grep -q \"(/opt/jstrace/lib/runtime)\"
    [ -s /opt/jstrace/lib/app/jstrace.jsa ]
    man -w jstrace-exec >/dev/null
    echo \"deb-test: apt install in a root without a JDK: jstrace -f -o trace true gave \$(wc -l <trace) lines\"
  "
' sh "$tmp/cow"
