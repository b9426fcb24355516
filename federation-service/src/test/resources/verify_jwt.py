"""Verifies a compact JWS with Python's `cryptography` (an implementation independent of the service's Nimbus) against
a JWKS. Input on stdin: {"token": "...", "jwks": {...}}. Prints the claims as JSON and exits 0 when the signature
verifies; exits 1 with the reason otherwise."""
import base64
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def integer(text):
    return int.from_bytes(decode(text), "big")


def main():
    request = json.load(sys.stdin)
    header_b64, payload_b64, signature_b64 = request["token"].split(".")
    header = json.loads(decode(header_b64))
    signed = (header_b64 + "." + payload_b64).encode()
    signature = decode(signature_b64)
    keys = [key for key in request["jwks"]["keys"] if key.get("kid") == header.get("kid")]
    if len(keys) != 1:
        sys.exit("kid not published once")
    key = keys[0]
    try:
        if header["alg"] == "RS256" and key["kty"] == "RSA":
            rsa.RSAPublicNumbers(integer(key["e"]), integer(key["n"])).public_key().verify(
                signature, signed, padding.PKCS1v15(), hashes.SHA256())
        elif header["alg"] == "ES384" and key["kty"] == "EC" and key["crv"] == "P-384" and len(signature) == 96:
            der = encode_dss_signature(int.from_bytes(signature[:48], "big"), int.from_bytes(signature[48:], "big"))
            ec.EllipticCurvePublicNumbers(integer(key["x"]), integer(key["y"]), ec.SECP384R1()).public_key().verify(
                der, signed, ec.ECDSA(hashes.SHA384()))
        else:
            sys.exit("unexpected alg or key: " + header["alg"])
    except InvalidSignature:
        sys.exit("invalid signature")
    print(json.dumps(json.loads(decode(payload_b64))))


main()
