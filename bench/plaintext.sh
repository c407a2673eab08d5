#!/bin/sh
# TLS plaintext through breakpoints: a C program whose THREADS threads call SSL_write /
# SSL_write_ex CALLS times each on their own TLS connection to a forking socat on loopback
# (a certificate made here), run untraced and under PlaintextCapture, alternating.
# Prints the median wall times, their ratio, and the time from the session's start to the
# first captured call (tracep's uprobes take seconds to arm).
#
# usage: bench/plaintext.sh [THREADS [CALLS [RUNS]]]   (default 8 1250 5)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
threads=${1:-8} calls=${2:-1250} runs=${3:-5}
work=$(mktemp -d)
trap 'kill $socat 2>/dev/null; rm -rf "$work"' EXIT
cd "$root"
mvn -q -o -pl views -am -DskipTests package
mvn -q -o -pl views dependency:build-classpath -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=runtime >/dev/null
cp="views/target/classes:formatters/target/classes:core/target/classes:syscalls/target/classes:arch/target/classes"
deps=$(tr ':' '\n' <"$work/cp" | grep -v '/io/jstrace/' | paste -sd: -)
gcc -O1 -o "$work/ssl_threads" testdata/src/main/resources/io/jstrace/testdata/native/ssl_threads.c -pthread -lssl -lcrypto
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/k.pem" -out "$work/c.pem" -days 1 -subj /CN=localhost 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
socat "openssl-listen:$port,reuseaddr,fork,cert=$work/c.pem,key=$work/k.pem,verify=0" SYSTEM:'cat >/dev/null' &
socat=$!
sleep 0.5
echo "workload: ssl_threads $port $threads $calls ($((threads * calls)) SSL_write calls), $runs runs each"
java -cp "$cp:$deps" "$here/PlaintextBench.java" "$runs" "$work/ssl_threads" "$port" "$threads" "$calls"
