# The dns view test's workload: each client in the background, its pid noted with what it asks.
# Out: lines "PID TOOL NAME TYPE PROTO [SERVER]" in $1 (SERVER: 127.0.0.1 unless given).
truth=$1
run() { "$@" >/dev/null 2>&1 & }
run getent ahosts h.test; echo "$! getent h.test A+AAAA udp" >> "$truth"
run getent ahosts c.test; echo "$! getent c.test A+AAAA udp" >> "$truth"
run getent ahosts nx.test; echo "$! getent nx.test A+AAAA udp" >> "$truth"
wait
run dig +short @127.0.0.1 h.test A; echo "$! dig h.test A udp" >> "$truth"
run dig +short @127.0.0.1 m.test MX; echo "$! dig m.test MX udp" >> "$truth"
run dig +short @127.0.0.1 nx.test A; echo "$! dig nx.test A udp" >> "$truth"
run dig +short @127.0.0.53 h.test A; echo "$! dig h.test A udp 127.0.0.53" >> "$truth"
wait
run dig +tcp +short @127.0.0.1 t.test TXT; echo "$! dig t.test TXT tcp" >> "$truth"
run dig +tcp +short @127.0.0.1 c.test AAAA; echo "$! dig c.test AAAA tcp" >> "$truth"
run /usr/bin/python3 -c 'import socket; socket.getaddrinfo("h.test", 80)'; echo "$! python3 h.test A+AAAA udp" >> "$truth"
wait
run /usr/bin/python3 "$2" udp-sendto h.test; echo "$! python3 h.test A udp" >> "$truth"
run /usr/bin/python3 "$2" tcp-split c.test; echo "$! python3 c.test A tcp" >> "$truth"
run /usr/bin/python3 "$2" udp-recv t.test; echo "$! python3 t.test TXT udp 127.0.0.53" >> "$truth"
run /usr/bin/python3 "$2" silent h.test; echo "$! python3 h.test AAAA udp-silent" >> "$truth"
wait
