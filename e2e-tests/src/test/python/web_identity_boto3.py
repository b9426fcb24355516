"""Web identity federation as boto3 does it, one step per command; run by the web identity e2e tests.

Named so that the main boto3 suite's directory run does not collect it. Prints one JSON object on success; on a
refusal, {"error": CODE, "requestId": ID}. Never prints a token.

  register-provider URL CLIENT_ID    IAM CreateOpenIDConnectProvider as the dev admin (DEV_ADMIN_KEY_ID/SECRET,
                                     IAM_ENDPOINT); prints {"arn": ...}
  assume ROLE_ARN TOKEN_FILE NAME    STS AssumeRoleWithWebIdentity, unsigned (STS_ENDPOINT), then GetCallerIdentity
                                     with the credentials it answered; prints both answers' fields
"""
import json
import os
import sys

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"})


def register_provider(url, client_id):
    iam = boto3.client("iam", endpoint_url=os.environ["IAM_ENDPOINT"], region_name="us-east-1",
                       aws_access_key_id=os.environ["DEV_ADMIN_KEY_ID"],
                       aws_secret_access_key=os.environ["DEV_ADMIN_SECRET"], config=NO_RETRIES)
    created = iam.create_open_id_connect_provider(Url=url, ClientIDList=[client_id])
    return {"arn": created["OpenIDConnectProviderArn"]}


def assume(role_arn, token_file, session_name):
    with open(token_file, encoding="ascii") as file:
        token = file.read().strip()
    # No credentials at all: AssumeRoleWithWebIdentity is an unsigned call, as on AWS.
    sts = boto3.client("sts", endpoint_url=os.environ["STS_ENDPOINT"], region_name="us-east-1",
                       config=NO_RETRIES.merge(Config(signature_version=UNSIGNED)))
    answer = sts.assume_role_with_web_identity(RoleArn=role_arn, RoleSessionName=session_name,
                                               WebIdentityToken=token, DurationSeconds=900)
    credentials = answer["Credentials"]
    caller = boto3.client("sts", endpoint_url=os.environ["STS_ENDPOINT"], region_name="us-east-1",
                          aws_access_key_id=credentials["AccessKeyId"],
                          aws_secret_access_key=credentials["SecretAccessKey"],
                          aws_session_token=credentials["SessionToken"], config=NO_RETRIES)
    identity = caller.get_caller_identity()
    return {"assumedRoleArn": answer["AssumedRoleUser"]["Arn"],
            "subject": answer["SubjectFromWebIdentityToken"],
            "audience": answer["Audience"],
            "provider": answer["Provider"],
            "accessKeyId": credentials["AccessKeyId"],
            "callerArn": identity["Arn"],
            "callerAccount": identity["Account"]}


def main(args):
    try:
        if args[0] == "register-provider":
            result = register_provider(args[1], args[2])
        elif args[0] == "assume":
            result = assume(args[1], args[2], args[3])
        else:
            raise SystemExit("unknown command " + args[0])
    except ClientError as refused:
        result = {"error": refused.response["Error"]["Code"],
                  "requestId": refused.response["ResponseMetadata"].get("RequestId")}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
