"""The credential scope's region, as boto3 signs it, against the us-east-1 endpoints of STS and IAM.

Run by SigV4RegionEndToEndTest (named so that the main boto3 suite's directory run does not collect it).
Environment: STS_ENDPOINT, IAM_ENDPOINT, AUDIT_ARCHIVE_DIR, DEV_ADMIN_KEY_ID, DEV_ADMIN_SECRET.
"""
import json
import os
import time

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

STS_ENDPOINT = os.environ["STS_ENDPOINT"]
IAM_ENDPOINT = os.environ["IAM_ENDPOINT"]
AUDIT_ARCHIVE_DIR = os.environ["AUDIT_ARCHIVE_DIR"]
KEY_ID = os.environ["DEV_ADMIN_KEY_ID"]
SECRET = os.environ["DEV_ADMIN_SECRET"]
NO_RETRIES = {"max_attempts": 1, "mode": "standard"}


def client(service, endpoint, region):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        config=Config(retries=NO_RETRIES),
    )


def error_of(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response


def assert_wrong_region(response, region):
    assert response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Message"].strip() == f"Credential should be scoped to a valid region, not '{region}'."


def audit_event(request_id):
    """The archived event of a call refused before its caller was known: it has no account, so the (signed,
    account-scoped) audit API serves it to nobody; an operator reads it in the day files."""
    needle = '"requestID":"' + request_id + '"'
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for name in sorted(os.listdir(AUDIT_ARCHIVE_DIR)):
            if name.endswith(".jsonl"):
                with open(os.path.join(AUDIT_ARCHIVE_DIR, name), encoding="utf-8", errors="replace") as day:
                    for line in day:
                        if needle in line:
                            return "[" + line.strip() + "]"
        time.sleep(0.1)
    raise AssertionError(f"audit event of {request_id} was not archived within 30 s")


def test_sts_signed_for_the_endpoints_region_is_accepted():
    identity = client("sts", STS_ENDPOINT, "us-east-1").get_caller_identity()
    assert identity["Arn"] == "arn:aws:iam::111111111111:user/admin"


@pytest.mark.parametrize("region", ["eu-west-1", "zz-fake-9"])
def test_sts_signed_for_another_region_is_refused_and_audited_in_the_endpoints_region(region):
    response = error_of(client("sts", STS_ENDPOINT, region).get_caller_identity)
    assert_wrong_region(response, region)
    event = audit_event(response["ResponseMetadata"]["RequestId"])
    record = next(e for e in json.loads(event) if e["requestID"] == response["ResponseMetadata"]["RequestId"])
    assert record["awsRegion"] == "us-east-1"
    assert record["errorCode"] == "SignatureDoesNotMatch"
    assert record["eventName"] == "GetCallerIdentity"


def test_sts_session_credentials_signed_for_another_region_are_refused_too():
    credentials = client("sts", STS_ENDPOINT, "us-east-1").get_session_token(DurationSeconds=900)["Credentials"]

    def session(region):
        return boto3.client("sts", endpoint_url=STS_ENDPOINT, region_name=region,
                            aws_access_key_id=credentials["AccessKeyId"],
                            aws_secret_access_key=credentials["SecretAccessKey"],
                            aws_session_token=credentials["SessionToken"], config=Config(retries=NO_RETRIES))

    assert session("us-east-1").get_caller_identity()["Arn"] == "arn:aws:iam::111111111111:user/admin"
    assert_wrong_region(error_of(session("eu-west-1").get_caller_identity), "eu-west-1")


def test_iam_signed_for_us_east_1_is_accepted():
    users = client("iam", IAM_ENDPOINT, "us-east-1").list_users()
    assert "Users" in users


@pytest.mark.parametrize("region", ["eu-west-1", "zz-fake-9"])
def test_iam_signed_for_another_region_is_refused(region):
    assert_wrong_region(error_of(client("iam", IAM_ENDPOINT, region).list_users), region)
