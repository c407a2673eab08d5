#!/bin/sh
# One run of bench/exec.sh's make workload: exec-variant.sh untraced|strace|jstrace JSTRACE DIR
case $1 in
untraced) exec make -s -j2 -C "$3" ;;
strace) exec strace -f -e trace=execve -o /dev/null make -s -j2 -C "$3" ;;
jstrace) exec "$2" exec -o /dev/null -- make -s -j2 -C "$3" ;;
esac
