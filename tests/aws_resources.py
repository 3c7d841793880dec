"""Create the template's own DynamoDB table and S3 bucket in moto, from infra/template.yaml.

Tests never restate the table's keys or the bucket's settings: they read them
from the template, so the tests and the deployed stack cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

from espace.gateway import routes as gateway_routes

TEMPLATE = Path(__file__).resolve().parent.parent / "infra" / "template.yaml"


def load_template(path: Path = TEMPLATE) -> dict:
    return gateway_routes.load_template(path)


def resources_of_type(kind: str, template: dict | None = None) -> dict[str, dict]:
    template = template or load_template()
    return {name: res for name, res in template["Resources"].items() if res["Type"] == kind}


def create_table(dynamodb_client, table_name: str, logical_id: str = "RecordsTable") -> None:
    props = resources_of_type("AWS::DynamoDB::Table")[logical_id]["Properties"]
    args = {
        "TableName": table_name,
        "AttributeDefinitions": props["AttributeDefinitions"],
        "KeySchema": props["KeySchema"],
        "BillingMode": props["BillingMode"],
    }
    if "GlobalSecondaryIndexes" in props:
        args["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
    dynamodb_client.create_table(**args)
    ttl = props.get("TimeToLiveSpecification")
    if ttl:
        dynamodb_client.update_time_to_live(TableName=table_name, TimeToLiveSpecification=ttl)


def create_bucket(s3_client, bucket_name: str, logical_id: str = "FilesBucket") -> None:
    props = resources_of_type("AWS::S3::Bucket")[logical_id]["Properties"]
    region = s3_client.meta.region_name
    if region == "us-east-1":
        s3_client.create_bucket(Bucket=bucket_name)
    else:
        s3_client.create_bucket(Bucket=bucket_name, CreateBucketConfiguration={"LocationConstraint": region})
    if "VersioningConfiguration" in props:
        s3_client.put_bucket_versioning(Bucket=bucket_name, VersioningConfiguration=props["VersioningConfiguration"])
    if "BucketEncryption" in props:
        s3_client.put_bucket_encryption(
            Bucket=bucket_name, ServerSideEncryptionConfiguration=_encryption_rules(props["BucketEncryption"])
        )
    if "PublicAccessBlockConfiguration" in props:
        s3_client.put_public_access_block(
            Bucket=bucket_name, PublicAccessBlockConfiguration=props["PublicAccessBlockConfiguration"]
        )


def _encryption_rules(bucket_encryption: dict) -> dict:
    """CloudFormation's rule list -> the S3 API's shape ("Rules", "Apply…ByDefault")."""
    rules = []
    for rule in bucket_encryption["ServerSideEncryptionConfiguration"]:
        converted = {"ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"]}
        if "BucketKeyEnabled" in rule:
            converted["BucketKeyEnabled"] = rule["BucketKeyEnabled"]
        rules.append(converted)
    return {"Rules": rules}
