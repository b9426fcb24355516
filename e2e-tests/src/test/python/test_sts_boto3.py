"""The platform as boto3 sees it. Run by Boto3EndToEndTest against a running platform.

Environment: STS_ENDPOINT, and the development keys of dev-admin as DEV_ADMIN_KEY_ID / DEV_ADMIN_SECRET.
"""
import datetime
import os
import urllib.error
import urllib.request

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = os.environ["STS_ENDPOINT"]
KEY_ID = os.environ["DEV_ADMIN_KEY_ID"]
SECRET = os.environ["DEV_ADMIN_SECRET"]
NO_RETRIES = {"max_attempts": 1, "mode": "standard"}


def sts(key_id=KEY_ID, secret=SECRET, token=None, **config):
    return boto3.client(
        "sts",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(retries=NO_RETRIES, **config),
    )


def error_of(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response


def test_long_term_key_identifies_the_dev_admin():
    identity = sts().get_caller_identity()
    assert identity["Arn"] == "arn:aws:iam::111111111111:user/admin"
    assert identity["Account"] == "111111111111"
    assert identity["UserId"].startswith("AIDA")


def test_session_token_credentials_act_as_the_same_principal():
    credentials = sts().get_session_token(DurationSeconds=900)["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA")
    remaining = credentials["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
    assert 850 <= remaining.total_seconds() <= 930
    session = sts(credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"])
    assert session.get_caller_identity()["Arn"] == sts().get_caller_identity()["Arn"]


def test_session_credentials_cannot_get_another_session_token():
    credentials = sts().get_session_token(DurationSeconds=900)["Credentials"]
    session = sts(credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"])
    error = error_of(session.get_session_token)
    assert error["Error"]["Code"] == "AccessDenied"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_unknown_key_is_invalid_client_token_id():
    error = error_of(sts("AKIANOSUCHKEY0000002", "whatever").get_caller_identity)
    assert error["Error"]["Code"] == "InvalidClientTokenId"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_wrong_secret_is_signature_does_not_match():
    error = error_of(sts(KEY_ID, "wrong-secret").get_caller_identity)
    assert error["Error"]["Code"] == "SignatureDoesNotMatch"


def test_unsigned_request_is_missing_authentication_token():
    error = error_of(sts(signature_version=UNSIGNED).get_caller_identity)
    assert error["Error"]["Code"] == "MissingAuthenticationToken"


def test_out_of_range_duration_is_a_validation_error_from_the_server():
    client = sts(parameter_validation=False)
    error = error_of(lambda: client.get_session_token(DurationSeconds=10))
    assert error["Error"]["Code"] == "ValidationError"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "greater than or equal to 900" in error["Error"]["Message"]


def test_presigned_get_caller_identity_url_is_accepted_with_the_signed_method():
    # botocore signs presigned Query URLs for POST unless told otherwise; the method is part of
    # the signature, so each URL works with the method it was signed for and no other, as on AWS.
    get_url = sts().generate_presigned_url("get_caller_identity", ExpiresIn=60, HttpMethod="GET")
    with urllib.request.urlopen(get_url) as response:
        assert "<Arn>arn:aws:iam::111111111111:user/admin</Arn>" in response.read().decode()

    post_url = sts().generate_presigned_url("get_caller_identity", ExpiresIn=60)
    with urllib.request.urlopen(urllib.request.Request(post_url, data=b"", method="POST")) as response:
        assert "<Arn>arn:aws:iam::111111111111:user/admin</Arn>" in response.read().decode()

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(post_url)
    assert refused.value.code == 403
    assert b"<Code>SignatureDoesNotMatch</Code>" in refused.value.read()
