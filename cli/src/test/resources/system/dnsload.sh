# The dns --system workload, run by a process tree jstrace does not trace: dig over UDP
# and TCP, getent (glibc's A and AAAA) and Python's getaddrinfo in a mount namespace whose
# resolv.conf names the test's dnsmasq. One line of truth per client: PID TOOL NAME TYPES PROTO.
# $1: the server's address; $2: the truth file; $3: resolv.conf for the clients.
S=$1 T=$2
for i in 1 2 3; do dig +short +tries=1 @"$S" h.test A >/dev/null & echo "$! dig h.test A udp" >>"$T"; wait; done
for i in 1 2; do dig +short +tcp +tries=1 @"$S" h.test AAAA >/dev/null & echo "$! dig h.test AAAA tcp" >>"$T"; wait; done
dig +short +tries=1 @"$S" nx.test A >/dev/null & echo "$! dig nx.test A udp" >>"$T"; wait
unshare -m sh -c '
  mount --bind "$1" /etc/resolv.conf
  getent ahosts h.test >/dev/null & echo "$! getent h.test A+AAAA udp" >>"$2"; wait
  python3 -c "import socket; socket.getaddrinfo(\"c.test\", 80)" & echo "$! python3 c.test A+AAAA udp" >>"$2"; wait
' sh "$3" "$T"
