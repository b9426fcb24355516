"""What each kind of credential may call, as boto3 sees it (the attack of issue 9: GetSessionToken credentials
without MFA, and GetFederationToken credentials, created an IAM user with a long-term key). Run by
Boto3EndToEndTest against a running platform; environment as in test_assume_role_boto3.py.
"""
import json
import os
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

STS_ENDPOINT = os.environ["STS_ENDPOINT"]
IAM_ENDPOINT = os.environ["IAM_ENDPOINT"]
DEV = (os.environ["DEV_ADMIN_KEY_ID"], os.environ["DEV_ADMIN_SECRET"])
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})
EVERYTHING = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})


def client(service, credentials, token=None):
    return boto3.client(service, endpoint_url=STS_ENDPOINT if service == "sts" else IAM_ENDPOINT,
                        region_name="us-east-1", aws_access_key_id=credentials[0],
                        aws_secret_access_key=credentials[1], aws_session_token=token, config=NO_RETRIES)


def session_of(credentials):
    return (credentials["AccessKeyId"], credentials["SecretAccessKey"]), credentials["SessionToken"]


def unique(prefix):
    return prefix + uuid.uuid4().hex[:6]


def error_of(call):
    try:
        call()
    except ClientError as e:
        return e.response
    raise AssertionError("the call was not refused")


def test_session_and_federation_tokens_cannot_create_an_iam_user_while_the_admins_keys_can():
    # Positive control: the admin's own long-term keys create a user.
    assert client("iam", DEV).create_user(UserName=unique("by-keys"))["User"]["UserName"].startswith("by-keys")

    session = client("sts", DEV).get_session_token(DurationSeconds=900)["Credentials"]
    federated = client("sts", DEV).get_federation_token(Name="contractor", DurationSeconds=900,
                                                        Policy=EVERYTHING)["Credentials"]
    for credentials in (session, federated):
        iam = client("iam", *session_of(credentials))
        error = error_of(lambda: iam.create_user(UserName=unique("by-session")))
        assert error["Error"]["Code"] == "InvalidClientTokenId"
        assert error["ResponseMetadata"]["HTTPStatusCode"] == 403
        # Both may still say who they are.
        assert client("sts", *session_of(credentials)).get_caller_identity()["Account"] == "111111111111"

    federated_sts = client("sts", *session_of(federated))
    error = error_of(lambda: federated_sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/Any",
                                                       RoleSessionName="s1"))
    assert error["Error"]["Code"] == "AccessDenied"
    error = error_of(lambda: client("sts", *session_of(session)).get_federation_token(Name="again"))
    assert error["Error"]["Code"] == "AccessDenied"
    assert error["Error"]["Message"] == "Cannot call GetFederationToken with session credentials"
