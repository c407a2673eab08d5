#!/bin/sh
# Makes the certificate chains jstrace ca is tested and benchmarked against, with openssl.
#
# usage: chains.sh DIR HTTP BAD
#   DIR   where the files go (created)
#   HTTP  the port of `python3 -m http.server` serving DIR/aia on 127.0.0.1: the caIssuers URLs
#   BAD   the port of the misbehaving AIA server (aia_server.py: /hang, /huge, /huge-announced)
#
# root -> int -> leaf (P-256 keys but for the weak leaf's), the leaf for localhost and 127.0.0.1, its AIA naming int.der, int's
# naming root.der; DIR/aia holds root.der, int.der, int.pem, int.p7c (PKCS#7 certs-only)
# and garbage.der. Leaves, all issued by int unless said, each KEY.pem with KEY.key:
#   leaf       good, 90 days              leaf-p7    AIA -> int.p7c     leaf-pem   AIA -> int.pem
#   expired    2020-01-01..2021-01-01     future     valid from 2040    wrongname  for other.example
#   weak       1024-bit RSA, SHA-1        badaia     AIA -> garbage.der  hangaia   AIA -> BAD/hang
#   hugeaia    AIA -> BAD/huge            announced  AIA -> BAD/huge-announced
#   loopleaf   issued by loop-a; loop-a and loop-b issue each other, AIA a -> b -> a
# and the chain files (what -cert_chain sends after the leaf): int.pem, int-root.pem (root
# sent needlessly), root-int.pem (wrong order), loop-ab.pem.
set -eu
[ $# -eq 3 ] || { echo "usage: $0 DIR HTTP BAD" >&2; exit 2; }
d=$1 http=http://127.0.0.1:$2 bad=http://127.0.0.1:$3
mkdir -p "$d/aia" "$d/db"
cd "$d"
: >db/index.txt
echo 1000 >db/serial
cat >ca.cnf <<CNF
[ ca ]
default_ca = ca
[ ca ]
database = db/index.txt
new_certs_dir = db
serial = db/serial
default_md = sha256
policy = any
unique_subject = no
[ any ]
commonName = supplied
[ int ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = caIssuers;URI:$http/root.der
CNF
# sign CSR ISSUER OUT EXTENSIONS [openssl ca options]: the extensions are a section of ext.cnf
sign() {
	s_csr=$1 s_by=$2 s_out=$3 s_ext=$4
	shift 4
	openssl ca -batch -config ca.cnf -cert "$s_by.pem" -keyfile "$s_by.key" -in "$s_csr" -out "$s_out.pem" \
		-extfile ext.cnf -extensions "$s_ext" -notext "$@" 2>/dev/null
}
# leaf NAME CN SAN AIA [openssl ca options]: a server certificate issued by $by (int)
leaf() {
	name=$1 cn=$2 san=$3 aia=$4
	shift 4
	cat >>ext.cnf <<EXT
[ $name ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $san
authorityInfoAccess = caIssuers;URI:$aia
EXT
	# shellcheck disable=SC2086 # the key options are words
	openssl req -new -newkey ${key:-$ec} -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$cn" 2>/dev/null
	sign "$name.csr" "${by:-int}" "$name" "$name" "$@"
}
printf '[ int ]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nauthorityInfoAccess = caIssuers;URI:%s/root.der\n' "$http" >ext.cnf

ec="ec -pkeyopt ec_paramgen_curve:prime256v1" # P-256 keys: made at once, where RSA's take seconds
openssl req -x509 -newkey $ec -nodes -keyout root.key -out root.pem -subj "/CN=jstrace test root" -days 3650 \
	-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -new -newkey $ec -nodes -keyout int.key -out int.csr -subj "/CN=jstrace test int" 2>/dev/null
sign int.csr root int int -days 1825

here="DNS:localhost,IP:127.0.0.1"
leaf leaf localhost "$here" "$http/int.der" -days 90
leaf leaf-p7 localhost "$here" "$http/int.p7c" -days 90
leaf leaf-pem localhost "$here" "$http/int.pem" -days 90
leaf expired localhost "$here" "$http/int.der" -startdate 20200101000000Z -enddate 20210101000000Z
leaf future localhost "$here" "$http/int.der" -startdate 20400101000000Z -enddate 20410101000000Z
leaf wrongname other.example "DNS:other.example" "$http/int.der" -days 90
key=rsa:1024 leaf weak localhost "$here" "$http/int.der" -days 90 -md sha1
leaf badaia localhost "$here" "$http/garbage.der" -days 90
leaf hangaia localhost "$here" "$bad/hang" -days 90
leaf hugeaia localhost "$here" "$bad/huge" -days 90
leaf announced localhost "$here" "$bad/huge-announced" -days 90

# loop-a and loop-b: two CAs that issue each other, each AIA naming the other's certificate
openssl req -new -newkey $ec -nodes -keyout loop-a.key -out loop-a.csr -subj "/CN=jstrace loop a" 2>/dev/null
openssl req -new -newkey $ec -nodes -keyout loop-b.key -out loop-b.csr -subj "/CN=jstrace loop b" 2>/dev/null
printf '[ loopa ]\nbasicConstraints = critical,CA:TRUE\nauthorityInfoAccess = caIssuers;URI:%s/loop-b.der\n' "$http" >>ext.cnf
printf '[ loopb ]\nbasicConstraints = critical,CA:TRUE\nauthorityInfoAccess = caIssuers;URI:%s/loop-a.der\n' "$http" >>ext.cnf
openssl req -x509 -key loop-b.key -out loop-b.pem -subj "/CN=jstrace loop b" -days 30 2>/dev/null # b's key, to sign a
sign loop-a.csr loop-b loop-a loopa -days 365
sign loop-b.csr loop-a loop-b loopb -days 365
by=loop-a leaf loopleaf localhost "$here" "$http/loop-a.der" -days 90

cat int.pem >chain-int.pem
cat int.pem root.pem >chain-int-root.pem
cat root.pem int.pem >chain-root-int.pem
for c in root int loop-a loop-b; do openssl x509 -in "$c.pem" -outform DER -out "aia/$c.der"; done
cp int.pem aia/int.pem
openssl crl2pkcs7 -nocrl -certfile int.pem -outform DER -out aia/int.p7c
printf 'this is not a certificate\n' >aia/garbage.der
