"""AssumeRole and friends as boto3 sees them. Run by Boto3EndToEndTest against a running platform.

Environment: STS_ENDPOINT, IAM_ENDPOINT, the dev-admin and prod-admin keys (DEV_ADMIN_KEY_ID/SECRET,
PROD_ADMIN_KEY_ID/SECRET), STS_MANAGEMENT_ENDPOINT and STS_ADMIN_TOKEN for the admin API.
"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import struct
import time
import urllib.request
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

STS_ENDPOINT = os.environ["STS_ENDPOINT"]
IAM_ENDPOINT = os.environ["IAM_ENDPOINT"]
DEV = (os.environ["DEV_ADMIN_KEY_ID"], os.environ["DEV_ADMIN_SECRET"])
PROD = (os.environ["PROD_ADMIN_KEY_ID"], os.environ["PROD_ADMIN_SECRET"])
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


def client(service, credentials, token=None):
    return boto3.client(service, endpoint_url=STS_ENDPOINT if service == "sts" else IAM_ENDPOINT,
                        region_name="us-east-1", aws_access_key_id=credentials[0],
                        aws_secret_access_key=credentials[1], aws_session_token=token, config=NO_RETRIES)


def session_of(response):
    c = response["Credentials"]
    return (c["AccessKeyId"], c["SecretAccessKey"]), c["SessionToken"]


def unique(prefix):
    return prefix + uuid.uuid4().hex[:6]


def trust(principal, condition=None):
    statement = {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def allow_assume(role_arn):
    return json.dumps({"Version": "2012-10-17",
                       "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn}]})


def user_with_policy(prefix, policy=None):
    iam = client("iam", DEV)
    name = unique(prefix)
    iam.create_user(UserName=name)
    if policy:
        iam.put_user_policy(UserName=name, PolicyName="Assume", PolicyDocument=policy)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return name, (key["AccessKeyId"], key["SecretAccessKey"])


def error_code(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"]


def eventually(call, seconds=5):
    """IAM changes reach token-service within moments; retry briefly, as against AWS."""
    deadline = time.time() + seconds
    while True:
        try:
            return call()
        except ClientError:
            if time.time() > deadline:
                raise
            time.sleep(0.05)


def totp(base32_seed, at):
    key = base64.b32decode(base32_seed)
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def test_cross_account_walkthrough():
    role = unique("CrossAccount")
    client("iam", PROD).create_role(RoleName=role, AssumeRolePolicyDocument=trust("111111111111"))
    role_arn = f"arn:aws:iam::222222222222:role/{role}"
    _, deployer = user_with_policy("deployer", allow_assume(role_arn))
    _, bystander = user_with_policy("bystander")

    assumed = client("sts", deployer).assume_role(RoleArn=role_arn, RoleSessionName="deploy-42")
    assert assumed["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::222222222222:assumed-role/{role}/deploy-42"
    credentials, token = session_of(assumed)
    identity = client("sts", credentials, token).get_caller_identity()
    assert identity["Account"] == "222222222222"
    assert error_code(lambda: client("sts", bystander).assume_role(RoleArn=role_arn, RoleSessionName="nope")) == "AccessDenied"


def test_external_id_for_a_third_party():
    role = unique("Vendor")
    client("iam", PROD).create_role(RoleName=role, AssumeRolePolicyDocument=trust(
        "111111111111", {"StringEquals": {"sts:ExternalId": "vendor-7f3a"}}))
    role_arn = f"arn:aws:iam::222222222222:role/{role}"
    _, vendor = user_with_policy("vendor", allow_assume(role_arn))
    sts = client("sts", vendor)
    assert error_code(lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="vendor")) == "AccessDenied"
    assert error_code(lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="vendor", ExternalId="wrong-id")) == "AccessDenied"
    assert sts.assume_role(RoleArn=role_arn, RoleSessionName="vendor", ExternalId="vendor-7f3a")["Credentials"]


def test_four_hour_session_after_raising_the_maximum_and_chaining_capped_at_one_hour():
    iam = client("iam", DEV)
    role, nxt = unique("LongRunner"), unique("Next")
    role_arn, next_arn = f"arn:aws:iam::111111111111:role/{role}", f"arn:aws:iam::111111111111:role/{nxt}"
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust("111111111111"))
    iam.put_role_policy(RoleName=role, PolicyName="MayChain", PolicyDocument=allow_assume(next_arn))
    iam.create_role(RoleName=nxt, AssumeRolePolicyDocument=trust(role_arn))
    sts = client("sts", DEV)
    assert error_code(lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="long", DurationSeconds=14400)) == "ValidationError"
    iam.update_role(RoleName=role, MaxSessionDuration=14400)
    long_session = eventually(lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="long", DurationSeconds=14400))
    remaining = long_session["Credentials"]["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
    assert 14300 < remaining.total_seconds() <= 14430

    chained_sts = client("sts", *session_of(long_session))
    assert error_code(lambda: chained_sts.assume_role(RoleArn=next_arn, RoleSessionName="chain",
                                                      DurationSeconds=3601)) == "ValidationError"
    chained = chained_sts.assume_role(RoleArn=next_arn, RoleSessionName="chain", DurationSeconds=3600)
    assert chained["AssumedRoleUser"]["Arn"].endswith(f"assumed-role/{nxt}/chain")


def test_mfa_gated_role_accepts_each_code_once():
    iam = client("iam", DEV)
    role = unique("BreakGlass")
    role_arn = f"arn:aws:iam::111111111111:role/{role}"
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust(
        "111111111111", {"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
    name, oncall = user_with_policy("oncall", allow_assume(role_arn))
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]
    seed = device["Base32StringSeed"].decode()
    now = time.time()
    iam.enable_mfa_device(UserName=name, SerialNumber=device["SerialNumber"],
                          AuthenticationCode1=totp(seed, now - 30), AuthenticationCode2=totp(seed, now))
    sts = client("sts", oncall)
    assert error_code(lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="incident")) == "AccessDenied"
    code = totp(seed, time.time())
    assert sts.assume_role(RoleArn=role_arn, RoleSessionName="incident", SerialNumber=device["SerialNumber"],
                           TokenCode=code)["Credentials"]
    assert error_code(lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="replay",
                                              SerialNumber=device["SerialNumber"], TokenCode=code)) == "AccessDenied"


def test_revoking_a_live_role_session():
    iam = client("iam", DEV)
    role = unique("Revocable")
    role_arn = f"arn:aws:iam::111111111111:role/{role}"
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust("111111111111"))
    live = eventually(lambda: client("sts", DEV).assume_role(RoleArn=role_arn, RoleSessionName="live"))
    session_sts = client("sts", *session_of(live))
    assert session_sts.get_caller_identity()["Arn"].endswith("/live")
    request = urllib.request.Request(os.environ["STS_MANAGEMENT_ENDPOINT"] + "/admin/v1/revocations",
                                     json.dumps({"accessKeyId": live["Credentials"]["AccessKeyId"]}).encode(),
                                     {"Content-Type": "application/json",
                                      "X-Sts-Admin-Token": os.environ["STS_ADMIN_TOKEN"]})
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 200
    assert error_code(session_sts.get_caller_identity) == "InvalidClientTokenId"


def test_federation_token_and_access_key_info():
    sts = client("sts", DEV)
    federated = sts.get_federation_token(Name="contractor", DurationSeconds=900, Policy=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}))
    assert federated["FederatedUser"]["Arn"] == "arn:aws:sts::111111111111:federated-user/contractor"
    assert sts.get_access_key_info(AccessKeyId=PROD[0])["Account"] == "222222222222"
