#!/bin/sh
# The tls view's workload, run under jstrace tls: every client on 127.0.0.1:$1 (openssl
# s_server), each with its own server name; what each client says it negotiated goes to
# $2/NAME.log. $3 holds JsseClient.class and hosts (f.test).
P=$1 T=$2 J=$3
curl -sS -v -o /dev/null -o /dev/null -k --resolve a.test:$P:127.0.0.1 --resolve b.test:$P:127.0.0.1 \
    https://a.test:$P/ https://b.test:$P/ 2> "$T/curl.log"
curl -sS -v -o /dev/null -k --tls-max 1.2 --resolve c.test:$P:127.0.0.1 https://c.test:$P/ 2> "$T/curl12.log"
python3 "$J/client.py" tls "$P" d.test > "$T/python.log"
printf 'GET / HTTP/1.0\r\n\r\n' | gnutls-cli --insecure --sni-hostname=e.test --alpn=http/1.1 -p "$P" 127.0.0.1 \
    > "$T/gnutls.log" 2>&1
java -Djdk.net.hosts.file="$J/hosts" -cp "$J" JsseClient "https://f.test:$P/" > "$T/java.log"
python3 "$J/client.py" garbage "$P"
python3 "$J/client.py" cut "$P" cut.test
