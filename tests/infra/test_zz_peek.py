import boto3, pytest
from tests.infra.test_template_deploys_in_moto import _statements, stack, cfn, REGION
def test_peek(stack):
    iam = boto3.client("iam", region_name=REGION)
    role = stack["AccountsFunctionRole"]
    for name in iam.list_role_policies(RoleName=role)["PolicyNames"]:
        print(name, _statements(iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"]))
    print(boto3.client("logs", region_name=REGION).describe_log_groups()["logGroups"])
    print(boto3.client("lambda", region_name=REGION).get_function_configuration(FunctionName=stack["AccountsFunction"]).get("Architectures"))
