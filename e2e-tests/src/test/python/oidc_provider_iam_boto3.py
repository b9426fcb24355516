"""OpenID Connect providers and outbound web identity federation in the IAM API, as boto3 drives them.

Run by OidcProviderIamEndToEndTest (named so that the main boto3 suite's directory run does not collect it).
Environment: IAM_ENDPOINT, DEV_ADMIN_KEY_ID / DEV_ADMIN_SECRET (account 111111111111), PROD_ADMIN_KEY_ID /
PROD_ADMIN_SECRET (account 222222222222). The platform runs as ./sts up runs it, with
sts.federation.allow-loopback-http-issuers=true.
"""
import datetime
import os
import re
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

IAM_ENDPOINT = os.environ["IAM_ENDPOINT"]
DEV_ACCOUNT = "111111111111"
THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"
OTHER_THUMBPRINT = "1b511abead59c6ce207077c0bf0e0043b1382612"
NO_RETRIES = {"max_attempts": 1, "mode": "standard"}


def iam(key_id, secret):
    return boto3.client(
        "iam",
        endpoint_url=IAM_ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=Config(retries=NO_RETRIES),
    )


DEV = iam(os.environ["DEV_ADMIN_KEY_ID"], os.environ["DEV_ADMIN_SECRET"])
PROD = iam(os.environ["PROD_ADMIN_KEY_ID"], os.environ["PROD_ADMIN_SECRET"])


def error_of(call, **kwargs):
    with pytest.raises(ClientError) as raised:
        call(**kwargs)
    return raised.value.response


def assert_error(response, code, status):
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response


def unique_issuer():
    return f"https://issuer-{uuid.uuid4().hex[:8]}.example.com/realms/e2e"


def provider_arn(url):
    return f"arn:aws:iam::{DEV_ACCOUNT}:oidc-provider/{url.split('://', 1)[1]}"


def test_the_ten_provider_actions_with_aws_shapes():
    url = unique_issuer()
    created = DEV.create_open_id_connect_provider(
        Url=url, ClientIDList=["sts.amazonaws.com", "ci"], ThumbprintList=[THUMBPRINT],
        Tags=[{"Key": "team", "Value": "platform"}])
    arn = created["OpenIDConnectProviderArn"]
    assert arn == provider_arn(url)
    assert created["Tags"] == [{"Key": "team", "Value": "platform"}]

    provider = DEV.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert provider["Url"] == url[len("https://"):]
    assert provider["ClientIDList"] == ["sts.amazonaws.com", "ci"]
    assert provider["ThumbprintList"] == [THUMBPRINT]
    assert abs((datetime.datetime.now(datetime.timezone.utc) - provider["CreateDate"]).total_seconds()) < 300
    assert provider["Tags"] == [{"Key": "team", "Value": "platform"}]
    listed = [entry["Arn"] for entry in DEV.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
    assert arn in listed

    DEV.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="deploy")
    DEV.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="deploy")
    DEV.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="ci")
    assert DEV.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)["ClientIDList"] == ["sts.amazonaws.com", "deploy"]

    DEV.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=[OTHER_THUMBPRINT])
    assert DEV.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)["ThumbprintList"] == [OTHER_THUMBPRINT]

    DEV.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn, Tags=[{"Key": "env", "Value": "dev"}])
    tags = DEV.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)
    assert tags["Tags"] == [{"Key": "team", "Value": "platform"}, {"Key": "env", "Value": "dev"}]
    assert tags["IsTruncated"] is False
    DEV.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn, TagKeys=["team"])
    assert DEV.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)["Tags"] == [{"Key": "env", "Value": "dev"}]

    DEV.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    missing = error_of(DEV.get_open_id_connect_provider, OpenIDConnectProviderArn=arn)
    assert_error(missing, "NoSuchEntity", 404)
    assert missing["Error"]["Message"] == f"OpenIDConnect Provider not found for arn {arn}"
    listed = [entry["Arn"] for entry in DEV.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
    assert arn not in listed


def test_the_same_url_twice_is_entity_already_exists():
    url = unique_issuer()
    DEV.create_open_id_connect_provider(Url=url, ClientIDList=["app"])
    duplicate = error_of(DEV.create_open_id_connect_provider, Url=url, ClientIDList=["other"])
    assert_error(duplicate, "EntityAlreadyExists", 409)
    assert duplicate["Error"]["Message"] == f"Provider with url {url} already exists."
    # Another account registers the same issuer as its own provider.
    assert PROD.create_open_id_connect_provider(Url=url)["OpenIDConnectProviderArn"].startswith("arn:aws:iam::222222222222:")


def test_malformed_arns_are_invalid_input_and_limits_are_enforced():
    assert_error(error_of(DEV.get_open_id_connect_provider,
                          OpenIDConnectProviderArn=f"arn:aws:iam::{DEV_ACCOUNT}:role/not-a-provider"), "InvalidInput", 400)
    arn = DEV.create_open_id_connect_provider(Url=unique_issuer())["OpenIDConnectProviderArn"]
    assert_error(error_of(DEV.update_open_id_connect_provider_thumbprint, OpenIDConnectProviderArn=arn,
                          ThumbprintList=[str(i) * 40 for i in range(6)]), "InvalidInput", 400)
    DEV.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=[str(i) * 40 for i in range(5)])
    assert_error(error_of(DEV.create_open_id_connect_provider, Url=unique_issuer(),
                          ClientIDList=[f"client-{i}" for i in range(101)]), "LimitExceeded", 409)
    DEV.create_open_id_connect_provider(Url=unique_issuer(), ClientIDList=[f"client-{i}" for i in range(100)])
    # Another account's provider does not exist for the caller.
    assert_error(error_of(PROD.get_open_id_connect_provider, OpenIDConnectProviderArn=arn), "NoSuchEntity", 404)


def test_plain_http_is_refused_except_on_a_loopback_host_name():
    path = f"/realms/{uuid.uuid4().hex[:8]}"
    for url in (f"http://issuer.example.com:8080{path}", f"http://192.0.2.10:8080{path}", f"http://localhost.example.com:8080{path}"):
        assert_error(error_of(DEV.create_open_id_connect_provider, Url=url), "InvalidInput", 400)
    for host in ("127.0.0.1", "localhost"):
        url = f"http://{host}:18080{path}"
        arn = DEV.create_open_id_connect_provider(Url=url, ClientIDList=["app"])["OpenIDConnectProviderArn"]
        assert arn == f"arn:aws:iam::{DEV_ACCOUNT}:oidc-provider/{host}:18080{path}"
        assert DEV.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)["Url"] == f"{host}:18080{path}"
        DEV.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)


def test_outbound_web_identity_federation_is_switched_on_read_and_switched_off():
    # The prod account: whatever another test left there is put back at the end.
    try:
        was_on = PROD.get_outbound_web_identity_federation_info()["IssuerIdentifier"]
        PROD.disable_outbound_web_identity_federation()
    except ClientError as off:
        assert_error(off.response, "FeatureDisabled", 404)
        was_on = None
    try:
        assert_error(error_of(PROD.get_outbound_web_identity_federation_info), "FeatureDisabled", 404)
        assert_error(error_of(PROD.disable_outbound_web_identity_federation), "FeatureDisabled", 404)

        issuer = PROD.enable_outbound_web_identity_federation()["IssuerIdentifier"]
        assert re.fullmatch(r"https?://[^/]+/outbound/[0-9a-f]{32}", issuer), issuer
        assert_error(error_of(PROD.enable_outbound_web_identity_federation), "FeatureEnabled", 409)
        info = PROD.get_outbound_web_identity_federation_info()
        assert info["IssuerIdentifier"] == issuer
        assert info["JwtVendingEnabled"] is True

        PROD.disable_outbound_web_identity_federation()
        assert_error(error_of(PROD.get_outbound_web_identity_federation_info), "FeatureDisabled", 404)
    finally:
        try:
            PROD.disable_outbound_web_identity_federation()
        except ClientError:
            pass
        if was_on is not None:
            PROD.enable_outbound_web_identity_federation()
