"""What an unmodified workload in a Kubernetes pod runs: no keys and no STS code, only boto3's default client.

botocore's own web identity credential provider finds AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and
AWS_ROLE_SESSION_NAME in the environment, calls AssumeRoleWithWebIdentity at AWS_ENDPOINT_URL_STS, and signs
GetCallerIdentity with what it got. Run by WebIdentityEndToEndTest with exactly that environment (and a region).
Prints {"arn", "account", "method"}: method is the credential provider botocore used.
"""
import json

import boto3

session = boto3.session.Session()
identity = session.client("sts").get_caller_identity()
print(json.dumps({"arn": identity["Arn"], "account": identity["Account"],
                  "method": session.get_credentials().method}))
