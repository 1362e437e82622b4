#!/bin/sh
# Test-only certificates made by openssl, independently of microflask's own certificate code:
# a CA, and two server certificates it signed for localhost, 127.0.0.1 and ::1 (an RSA key in
# PKCS#1 "BEGIN RSA PRIVATE KEY", an EC P-256 key in SEC1 "BEGIN EC PRIVATE KEY"), valid for 100
# years. The keys are public test fixtures: never use them for anything else.
# Run in this folder to make them again: sh make.sh
set -e
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days $days \
  -subj "/CN=microflask test CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
cat > server.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
EXT
openssl genrsa -traditional -out rsa-key.pem 2048 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out ec-key.pem
for kind in rsa ec; do
  openssl req -new -key $kind-key.pem -subj "/CN=localhost" -out $kind.csr
  openssl x509 -req -in $kind.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days $days \
    -extfile server.ext -out $kind-cert.pem 2>/dev/null
  cat $kind-cert.pem ca.pem > $kind-fullchain.pem
  rm $kind.csr $kind-cert.pem
done
rm -f server.ext ca.srl ca-key.pem
