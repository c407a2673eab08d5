#!/bin/sh
# Check the tracee corpus against the system strace (the oracle).
#
# For every row NAME<TAB>OPTIONS of tests.tsv: compile src/main/c/NAME.c the way
# TestPrograms does, run it exactly as the end-to-end harness will,
#   cd DIR && strace OPTIONS -o NAME.log ./NAME > NAME.out
# and require NAME.log to equal NAME.out byte for byte.
#
# usage: testdata/check-with-strace.sh [-n REPEAT] [-k] [NAME...]
#   -n REPEAT  run each program REPEAT times (flakiness hunt); default 1
#   -k         keep the work directory (printed at the end)
#   STRACE=... use another tracer binary (default: strace)
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$here/src/main/c
registry=$here/src/main/resources/io/jstrace/testdata/tests.tsv
tracer=${STRACE:-strace}
repeat=1
keep=0
while getopts n:k opt; do
	case $opt in
	n) repeat=$OPTARG ;;
	k) keep=1 ;;
	*) echo "usage: $0 [-n REPEAT] [-k] [NAME...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

command -v "$tracer" >/dev/null || { echo "no $tracer on PATH" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/jstrace-check.XXXXXX")
tab=$(printf '\t')
pass=0
fail=0
failed=

while IFS="$tab" read -r name options; do
	case $name in '' | '#'*) continue ;; esac
	if [ $# -gt 0 ]; then
		wanted=0
		for n in "$@"; do [ "$n" = "$name" ] && wanted=1; done
		[ $wanted = 1 ] || continue
	fi
	if ! gcc -O1 -static -pthread -w -o "$work/$name" "$src/$name.c"; then
		echo "FAIL $name (does not compile)"
		fail=$((fail + 1)); failed="$failed $name"
		continue
	fi
	ok=1
	i=0
	while [ $i -lt "$repeat" ]; do
		i=$((i + 1))
		# shellcheck disable=SC2086 # options are whitespace-separated words
		(cd "$work" && "$tracer" $options -o "$name.log" "./$name" >"$name.out" 2>"$name.err" </dev/null; true) 2>/dev/null
		if ! cmp -s "$work/$name.log" "$work/$name.out"; then
			ok=0
			echo "FAIL $name (run $i of $repeat): $tracer $options -o $name.log ./$name"
			diff -u --label "expected ($name.out)" --label "$tracer ($name.log)" \
				"$work/$name.out" "$work/$name.log" | head -40
			[ -s "$work/$name.err" ] && sed 's/^/  stderr: /' "$work/$name.err" | head -5
			break
		fi
	done
	if [ $ok = 1 ]; then
		echo "PASS $name ($repeat run(s)): $options"
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); failed="$failed $name"
	fi
done <"$registry"

echo "check-with-strace: $pass passed, $fail failed${failed:+ (}${failed# }${failed:+)}"
if [ $keep = 1 ]; then echo "work directory: $work"; else rm -rf "$work"; fi
[ $fail = 0 ] && [ $pass -gt 0 ]
