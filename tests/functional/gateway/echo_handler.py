"""A Lambda handler for the gateway's tests: it answers with the event it received.

Special paths exercise the gateway's edges: /panne raises, /echo/binaire returns the
request body as a binary (base64) response, ?remplacer=<Header> sets that header itself.
"""

from __future__ import annotations

import base64
import json


def handler(event, context):
    path = event["rawPath"]
    if path.startswith("/panne"):
        raise RuntimeError("panne volontaire pour les tests")
    if path == "/echo/binaire":
        raw = event.get("body", "")
        data = base64.b64decode(raw) if event["isBase64Encoded"] else raw.encode("utf-8")
        return {
            "statusCode": 200,
            "headers": {"Content-Type": "application/octet-stream"},
            "body": base64.b64encode(data).decode("ascii"),
            "isBase64Encoded": True,
        }
    if path == "/echo/raccourci":
        return {"message": "réponse sans statusCode"}  # the payload 2.0 shortcut
    headers = {"Content-Type": "application/json"}
    override = (event.get("queryStringParameters") or {}).get("remplacer")
    if override:
        headers[override] = "valeur-du-handler"
    return {
        "statusCode": 200,
        "headers": headers,
        "cookies": ["echo=1; Path=/; HttpOnly; SameSite=Lax", "second=deux; Path=/"],
        "body": json.dumps({
            "event": event,
            "context": {
                "function_name": context.function_name,
                "function_version": context.function_version,
                "invoked_function_arn": context.invoked_function_arn,
                "memory_limit_in_mb": context.memory_limit_in_mb,
                "aws_request_id": context.aws_request_id,
                "log_group_name": context.log_group_name,
                "remaining_ms": context.get_remaining_time_in_millis(),
            },
        }, ensure_ascii=False),
    }
