"""What the AWS adapters share: building a boto3 client, and turning botocore's
errors into the ports' errors so that domain code never sees a ClientError.

boto3 costs about 150 ms to import, so nothing here imports it at module level.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from espace.ports import StoreError


def make_client(service: str) -> Any:
    """A client in the region of the environment (Lambda sets AWS_REGION; botocore
    itself only reads AWS_DEFAULT_REGION, so pass it explicitly)."""
    import boto3
    from botocore.config import Config

    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
    # "standard" retries back off on throttling, which DynamoDB on-demand and SES do.
    config = Config(retries={"mode": "standard", "max_attempts": 4}, connect_timeout=5, read_timeout=20)
    return boto3.client(service, region_name=region, config=config)


def error_code(error: Exception) -> str:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


@contextmanager
def translated(what: str, translate: Callable[[Exception], Exception | None] | None = None) -> Iterator[None]:
    """Run AWS calls; any botocore error leaves as a port error.

    ``translate`` may turn a given error into a more precise port error (e.g. a
    ConditionFailedError); whatever it leaves (None) becomes a StoreError."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except (ClientError, BotoCoreError) as error:
        mapped = translate(error) if translate else None
        if mapped is None:
            code = error_code(error)
            mapped = StoreError(f"{what} failed: {code + ': ' if code else ''}{error}")
        raise mapped from error
