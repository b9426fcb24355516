"""GetWebIdentityToken (outbound web identity federation) as boto3 sees it, the token checked by an independent library.

Run by GetWebIdentityTokenEndToEndTest against a running platform. Environment: STS_ENDPOINT, IAM_ENDPOINT,
AUDIT_ARCHIVE_DIR and the prod-admin keys (PROD_ADMIN_KEY_ID/SECRET). The account's outbound federation is enabled with IAM's
EnableOutboundWebIdentityFederation; the JWT is verified with `cryptography` against the JWKS its issuer publishes
(fetched over HTTP from the discovery document), never with the platform's own code.
"""
import base64
import datetime
import json
import os
import threading
import time
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

STS_ENDPOINT = os.environ["STS_ENDPOINT"]
IAM_ENDPOINT = os.environ["IAM_ENDPOINT"]
PROD = (os.environ["PROD_ADMIN_KEY_ID"], os.environ["PROD_ADMIN_SECRET"])
AUDIT_ARCHIVE_DIR = os.environ["AUDIT_ARCHIVE_DIR"]
ACCOUNT = "222222222222"
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})
AUDIENCE = "https://api.example.com"
NAMESPACE = "https://sts.amazonaws.com/"


def client(service, credentials=PROD, token=None):
    return boto3.client(service, endpoint_url=STS_ENDPOINT if service == "sts" else IAM_ENDPOINT,
                        region_name="us-east-1", aws_access_key_id=credentials[0],
                        aws_secret_access_key=credentials[1], aws_session_token=token, config=NO_RETRIES)


def unsigned_sts():
    return boto3.client("sts", endpoint_url=STS_ENDPOINT, region_name="us-east-1",
                        config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1, "mode": "standard"}))


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def integer(text):
    return int.from_bytes(b64url_decode(text), "big")


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read()), response.headers


def error_of(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]
    raise AssertionError("the call was not refused")


def eventually(check, what, seconds=30):
    """Runs check until it returns without an exception: federation-service's IAM view follows IAM's change events
    (with a bounded staleness), so a change is seen moments after IAM answered."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return check()
        except (AssertionError, ClientError, OSError) as e:
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} did not happen within {seconds} s: {e}")
            time.sleep(0.2)


def enabled_issuer():
    """Enables outbound federation (it may already be, from an earlier run) and waits until it is in effect."""
    iam = client("iam")
    try:
        issuer = iam.enable_outbound_web_identity_federation()["IssuerIdentifier"]
    except ClientError as e:
        assert e.response["Error"]["Code"] == "FeatureEnabled", e.response
        issuer = iam.get_outbound_web_identity_federation_info()["IssuerIdentifier"]
    eventually(lambda: client("sts").get_web_identity_token(Audience=["x"], SigningAlgorithm="RS256"), "signing")
    eventually(lambda: get_json(issuer + "/.well-known/openid-configuration"), "publishing the discovery document")
    return issuer


@pytest.fixture(scope="module")
def issuer():
    """The account's issuer identifier, outbound federation enabled."""
    return enabled_issuer()


def verify(token, jwks):
    """Verifies a compact JWS with `cryptography` against the JWKS; returns (header, claims); raises on a bad signature."""
    header_b64, payload_b64, signature_b64 = token.split(".")
    header = json.loads(b64url_decode(header_b64))
    signed = (header_b64 + "." + payload_b64).encode()
    signature = b64url_decode(signature_b64)
    keys = [key for key in jwks["keys"] if key["kid"] == header["kid"]]
    assert len(keys) == 1, "the token's kid is published once"
    key = keys[0]
    assert "d" not in key and "p" not in key, "a private part was published"
    assert key["alg"] == header["alg"] and key["use"] == "sig"
    if header["alg"] == "RS256":
        assert key["kty"] == "RSA"
        public = rsa.RSAPublicNumbers(integer(key["e"]), integer(key["n"])).public_key()
        public.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
    elif header["alg"] == "ES384":
        assert key["kty"] == "EC" and key["crv"] == "P-384" and len(signature) == 96
        public = ec.EllipticCurvePublicNumbers(integer(key["x"]), integer(key["y"]), ec.SECP384R1()).public_key()
        der = encode_dss_signature(int.from_bytes(signature[:48], "big"), int.from_bytes(signature[48:], "big"))
        public.verify(der, signed, ec.ECDSA(hashes.SHA384()))
    else:
        raise AssertionError("unexpected alg " + header["alg"])
    return header, json.loads(b64url_decode(payload_b64))


def test_discovery_document_and_jwks_are_published(issuer):
    document, headers = get_json(issuer + "/.well-known/openid-configuration")
    assert document["issuer"] == issuer
    assert document["jwks_uri"] == issuer + "/.well-known/jwks.json"
    assert document["id_token_signing_alg_values_supported"] == ["RS256", "ES384"]
    assert "max-age=" in headers["Cache-Control"]
    jwks, _ = get_json(document["jwks_uri"])
    assert {key["alg"] for key in jwks["keys"]} >= {"RS256", "ES384"}
    assert all(set(key) & {"d", "p", "q", "dp", "dq", "qi"} == set() for key in jwks["keys"])


@pytest.mark.parametrize("algorithm", ["RS256", "ES384"])
def test_token_verifies_against_the_published_jwks(issuer, algorithm):
    answer = client("sts").get_web_identity_token(Audience=[AUDIENCE], SigningAlgorithm=algorithm, DurationSeconds=300,
                                                  Tags=[{"Key": "team", "Value": "data"}])
    token = answer["WebIdentityToken"]
    document, _ = get_json(issuer + "/.well-known/openid-configuration")
    jwks, _ = get_json(document["jwks_uri"])

    header, claims = verify(token, jwks)
    assert header["typ"] == "JWT" and header["alg"] == algorithm
    assert claims["iss"] == issuer
    assert claims["aud"] == AUDIENCE
    assert claims["sub"] == client("sts").get_caller_identity()["Arn"]
    assert claims["exp"] - claims["iat"] == 300
    assert claims["exp"] == int(answer["Expiration"].timestamp())
    assert abs(claims["exp"] - (time.time() + 300)) < 120
    assert claims["jti"]
    assert claims[NAMESPACE]["aws_account"] == ACCOUNT
    assert claims[NAMESPACE]["request_tags"] == {"team": "data"}

    # The same check refuses a token whose payload was changed after signing.
    header_b64, payload_b64, signature_b64 = token.split(".")
    forged = dict(claims, sub="arn:aws:iam::" + ACCOUNT + ":role/Admin")
    tampered = header_b64 + "." + b64url(json.dumps(forged).encode()) + "." + signature_b64
    with pytest.raises(InvalidSignature):
        verify(tampered, jwks)


def archived_event(request_id):
    """The call's audit event from the archive's day files, waiting up to 30 s for it to arrive."""
    needle = '"requestID":"' + request_id + '"'
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for name in sorted(os.listdir(AUDIT_ARCHIVE_DIR)):
            if name.endswith(".jsonl"):
                with open(os.path.join(AUDIT_ARCHIVE_DIR, name), encoding="utf-8", errors="replace") as day:
                    for line in day:
                        if needle in line:
                            return json.loads(line)
        time.sleep(0.1)
    raise AssertionError(f"audit event of {request_id} was not archived within 30 s")


def test_the_audit_event_keeps_the_expiration_never_the_token(issuer):
    answer = client("sts").get_web_identity_token(Audience=[AUDIENCE], SigningAlgorithm="RS256")
    token = answer["WebIdentityToken"]
    event = archived_event(answer["ResponseMetadata"]["RequestId"])
    assert event["eventName"] == "GetWebIdentityToken"
    assert event["responseElements"]["expiration"].startswith(answer["Expiration"].strftime("%Y-%m-%dT%H:%M:%S"))
    signature = token.split(".")[2]
    scanned = 0
    for folder, _, names in os.walk(AUDIT_ARCHIVE_DIR):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8", errors="replace") as stored:
                text = stored.read()
            scanned += 1
            assert token not in text and signature not in text, "the token reached the audit archive: " + path
    assert scanned > 0, "the audit archive holds no file: the scan proved nothing"


def test_a_role_session_gets_a_token_naming_its_role(issuer):
    iam = client("iam")
    name = "outbound-" + uuid.uuid4().hex[:8]
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::" + ACCOUNT
                                                                                          + ":root"}, "Action": "sts:AssumeRole"}]}
    role_arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="outbound", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:GetWebIdentityToken", "Resource": "*",
                                                "Condition": {"ForAllValues:StringEquals": {"sts:IdentityTokenAudience": AUDIENCE},
                                                              "NumericLessThanEquals": {"sts:DurationSeconds": 300}}}]}))
    credentials = client("sts").assume_role(RoleArn=role_arn, RoleSessionName="s1")["Credentials"]
    session = client("sts", (credentials["AccessKeyId"], credentials["SecretAccessKey"]), credentials["SessionToken"])

    token = session.get_web_identity_token(Audience=[AUDIENCE], SigningAlgorithm="ES384")["WebIdentityToken"]
    _, claims = verify(token, get_json(issuer + "/.well-known/jwks.json")[0])
    assert claims["sub"] == role_arn
    assert claims[NAMESPACE]["principal_id"] == role_arn

    refused = error_of(lambda: session.get_web_identity_token(Audience=["https://elsewhere.example"], SigningAlgorithm="ES384"))
    assert refused["Code"] == "AccessDenied"
    refused = error_of(lambda: session.get_web_identity_token(Audience=[AUDIENCE], SigningAlgorithm="ES384",
                                                              DurationSeconds=900))
    assert refused["Code"] == "AccessDenied"


class LocalIssuer:
    """A small OpenID Connect issuer on 127.0.0.1 with an RSA key made here: the positive control's token source."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = self.key.public_key().public_numbers()
        self.jwk = {"kty": "RSA", "kid": "local-1", "use": "sig", "alg": "RS256",
                    "n": b64url(numbers.n.to_bytes(256, "big")), "e": b64url(numbers.e.to_bytes(3, "big"))}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.endswith("/.well-known/openid-configuration"):
                    body = {"issuer": outer.url, "jwks_uri": outer.url + "/keys", "response_types_supported": ["id_token"],
                            "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"]}
                elif self.path.endswith("/keys"):
                    body = {"keys": [outer.jwk]}
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/issuer" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def token(self, audience, subject):
        now = int(time.time())
        header = b64url(json.dumps({"alg": "RS256", "kid": "local-1", "typ": "JWT"}).encode())
        payload = b64url(json.dumps({"iss": self.url, "aud": audience, "sub": subject, "iat": now, "nbf": now,
                                     "exp": now + 300}).encode())
        signature = self.key.sign((header + "." + payload).encode(), padding.PKCS1v15(), hashes.SHA256())
        return header + "." + payload + "." + b64url(signature)


def provider_and_role(iam, url, audience):
    provider_arn = iam.create_open_id_connect_provider(Url=url, ClientIDList=[audience],
                                                       ThumbprintList=["0" * 40])["OpenIDConnectProviderArn"]
    host_path = url.split("://", 1)[1]
    name = "web-" + uuid.uuid4().hex[:8]
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": provider_arn}, "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {host_path + ":aud": audience}}}]}
    return provider_arn, iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]


def test_assume_role_with_web_identity_refuses_the_outbound_token(issuer):
    iam = client("iam")
    audience = "client-" + uuid.uuid4().hex[:8]

    # Control: a token of an ordinary issuer, registered the same way, is accepted by the same kind of role.
    local = LocalIssuer()
    try:
        _, local_role = provider_and_role(iam, local.url, audience)
        accepted = unsigned_sts().assume_role_with_web_identity(RoleArn=local_role, RoleSessionName="control",
                                                               WebIdentityToken=local.token(audience, "workload-1"))
        assert accepted["Credentials"]["AccessKeyId"].startswith("ASIA")
    finally:
        local.server.shutdown()

    # GetWebIdentityToken's own token, with a provider registered for its issuer URL and audience: refused.
    try:
        _, outbound_role = provider_and_role(iam, issuer, audience)
    except ClientError as e:
        assert e.response["Error"]["Code"] == "EntityAlreadyExists", e.response
        arn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuer.split("://", 1)[1]
        iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID=audience)
        host_path = issuer.split("://", 1)[1]
        name = "web-" + uuid.uuid4().hex[:8]
        trust = {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Federated": arn}, "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {host_path + ":aud": audience}}}]}
        outbound_role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    token = client("sts").get_web_identity_token(Audience=[audience], SigningAlgorithm="RS256")["WebIdentityToken"]
    refused = error_of(lambda: unsigned_sts().assume_role_with_web_identity(
        RoleArn=outbound_role, RoleSessionName="outbound", WebIdentityToken=token))
    assert refused["Code"] == "InvalidIdentityToken", refused
    assert token not in refused.get("Message", "")


def test_refusals_with_the_codes_of_botocores_model(issuer):
    sts = client("sts")
    assert sts.get_web_identity_token(Audience=["x"], SigningAlgorithm="RS256", DurationSeconds=60)["WebIdentityToken"]
    tags = [{"Key": "%03d" % i + "k" * 125, "Value": "v" * 256} for i in range(50)]
    assert error_of(lambda: sts.get_web_identity_token(Audience=["x"], SigningAlgorithm="RS256", Tags=tags))["Code"] \
        == "JWTPayloadSizeExceededException"


def test_a_disabled_account_is_refused_until_enabled_again(issuer):
    """Last in the file: it leaves the account enabled again, with a new issuer identifier."""
    iam, sts = client("iam"), client("sts")
    assert sts.get_web_identity_token(Audience=["x"], SigningAlgorithm="ES384")["WebIdentityToken"], "control"
    iam.disable_outbound_web_identity_federation()
    try:
        def refused():
            error = error_of(lambda: sts.get_web_identity_token(Audience=["x"], SigningAlgorithm="ES384"))
            assert error["Code"] == "OutboundWebIdentityFederationDisabledException", error
        eventually(refused, "refusing the disabled account")
    finally:
        enabled_issuer()
