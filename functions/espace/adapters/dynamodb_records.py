"""The records port on one DynamoDB table (``pk`` hash key, ``sk`` range key, TTL on
``expires_at``), as declared by RecordsTable in infra/template.yaml.

Items are converted to and from DynamoDB's typed JSON here rather than with boto3's
TypeSerializer: numbers come back as ``int`` (never ``Decimal``), and the module does
not import boto3. DynamoDB deletes expired items up to days late, so every read filters
them out and every condition treats them as absent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from espace.adapters._aws import error_code, make_client, translated
from espace.adapters._checks import (
    check_increment,
    check_item,
    check_key,
    check_query,
    check_query_page,
    check_transaction,
    encode_continuation,
)
from espace.ports import ConditionFailedError, Delete, Item, Put, QueryPage, StoreError

_ABSENT = "attribute_not_exists(#pk) OR #exp <= :now"  # never written, deleted or expired
_LIVE = "attribute_not_exists(#exp) OR #exp > :now"
_PRESENT = f"attribute_exists(#pk) AND ({_LIVE})"
# Two increments racing on an expired counter: the loser retries; more than a few
# rounds means something else is wrong.
_INCREMENT_ATTEMPTS = 8


class DynamoRecordStore:
    def __init__(self, table_name: str, client: Any = None, *, clock: Callable[[], float] = time.time):
        self.table_name = table_name
        self._client = client if client is not None else make_client("dynamodb")
        self._clock = clock

    def _now(self) -> int:
        return int(self._clock())

    def _key(self, pk: str, sk: str) -> dict:
        return {"pk": {"S": pk}, "sk": {"S": sk}}

    def _condition(self, expression: str, now: int) -> dict:
        return {
            "ConditionExpression": expression,
            "ExpressionAttributeNames": {"#pk": "pk", "#exp": "expires_at"},
            "ExpressionAttributeValues": {":now": {"N": str(now)}},
        }

    def _request(self, operation: Put | Delete, now: int) -> tuple[str, dict]:
        """The arguments of put_item/delete_item, also the body of a transaction entry."""
        if isinstance(operation, Put):
            args = {"TableName": self.table_name, "Item": encode_item(operation.item)}
            if operation.if_absent:
                args.update(self._condition(_ABSENT, now))
            return "Put", args
        args = {"TableName": self.table_name, "Key": self._key(operation.pk, operation.sk)}
        if operation.if_present:
            args.update(self._condition(_PRESENT, now))
        return "Delete", args

    # -- the port -----------------------------------------------------------------------

    def get(self, pk: str, sk: str) -> Item | None:
        check_key(pk, sk)
        with translated("DynamoDB get_item"):
            # Consistent reads: SQLite reads its own writes, so domain code may rely on it.
            response = self._client.get_item(TableName=self.table_name, Key=self._key(pk, sk), ConsistentRead=True)
        item = decode_item(response["Item"]) if "Item" in response else None
        return item if item is not None and _is_live(item, self._now()) else None

    def put(self, item: Item, *, if_absent: bool = False) -> None:
        self.transact([Put(item, if_absent=if_absent)])

    def delete(self, pk: str, sk: str, *, if_present: bool = False) -> None:
        self.transact([Delete(pk, sk, if_present=if_present)])

    def query(self, pk: str, sk_prefix: str = "", *, limit: int | None = None,
              descending: bool = False) -> list[Item]:
        check_query(pk, sk_prefix, limit)
        return self._live_items(pk, sk_prefix, limit, descending, None)

    def query_page(self, pk: str, sk_prefix: str = "", *, limit: int, descending: bool = False,
                   after: str | None = None) -> QueryPage:
        start = check_query_page(pk, sk_prefix, limit, descending, after)
        # Not DynamoDB's LastEvaluatedKey: it may point at an expired item or stop where no live
        # item follows. One live item more than asked tells whether a next page exists.
        items = self._live_items(pk, sk_prefix, limit + 1, descending, start)
        if len(items) <= limit:
            return QueryPage(items, None)
        items = items[:limit]
        return QueryPage(items, encode_continuation(pk, sk_prefix, descending, items[-1]["sk"]))

    def _live_items(self, pk: str, sk_prefix: str, limit: int | None, descending: bool,
                    start: str | None) -> list[Item]:
        """Up to ``limit`` live items (all when None) strictly after ``start`` in the query's order."""
        now = self._now()
        args: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "#pk = :pk",
            "ExpressionAttributeNames": {"#pk": "pk"},
            "ExpressionAttributeValues": {":pk": {"S": pk}},
            "ScanIndexForward": not descending,
            "ConsistentRead": True,
        }
        if sk_prefix:
            args["KeyConditionExpression"] += " AND begins_with(#sk, :prefix)"
            args["ExpressionAttributeNames"]["#sk"] = "sk"
            args["ExpressionAttributeValues"][":prefix"] = {"S": sk_prefix}
        if start is not None:
            # Any key will do, present or not: DynamoDB resumes at the next one in the query's order.
            args["ExclusiveStartKey"] = self._key(pk, start)
        results: list[Item] = []
        while True:
            if limit is not None:
                # Expired items still count against DynamoDB's Limit, hence the loop.
                args["Limit"] = limit - len(results)
            with translated("DynamoDB query"):
                response = self._client.query(**args)
            for raw in response.get("Items", []):
                item = decode_item(raw)
                if _is_live(item, now):
                    results.append(item)
                    if limit is not None and len(results) >= limit:
                        return results
            # A page stops at 1 MB (or at Limit): follow LastEvaluatedKey to the end.
            if "LastEvaluatedKey" not in response:
                return results
            args["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def transact(self, operations: list[Put | Delete]) -> None:
        check_transaction(operations)
        if not operations:
            return
        now = self._now()
        requests = [self._request(operation, now) for operation in operations]
        if len(requests) == 1:
            # A lone write is already atomic, and costs half a transactional one.
            kind, args = requests[0]
            call = self._client.put_item if kind == "Put" else self._client.delete_item
            with translated(f"DynamoDB {kind.lower()}_item", _condition_failed):
                call(**args)
            return
        with translated("DynamoDB transact_write_items", _condition_failed):
            self._client.transact_write_items(TransactItems=[{kind: args} for kind, args in requests])

    def increment(self, pk: str, sk: str, name: str, by: int = 1, *, expires_at: int | None = None) -> int:
        check_increment(pk, sk, name, by, expires_at)
        for _attempt in range(_INCREMENT_ATTEMPTS):
            now = self._now()
            # The usual case, one call: the counter exists and is live, ADD to it.
            # (Not SET expires_at = if_not_exists(...): a live record without a TTL must
            # keep having none, as in SQLite.)
            args = self._condition(_PRESENT, now)
            args["ExpressionAttributeNames"]["#n"] = name
            args["ExpressionAttributeValues"][":by"] = {"N": str(by)}
            try:
                with translated("DynamoDB update_item", _condition_failed):
                    response = self._client.update_item(
                        TableName=self.table_name, Key=self._key(pk, sk), UpdateExpression="ADD #n :by",
                        ReturnValues="UPDATED_NEW", **args)
                return decode_value(response["Attributes"][name])
            except ConditionFailedError:
                pass
            # Absent or expired: start a new record (and a new window), unless another
            # writer created it in between, in which case add to theirs.
            item: Item = {"pk": pk, "sk": sk, name: by}
            if expires_at is not None:
                item["expires_at"] = expires_at
            try:
                self.put(item, if_absent=True)
                return by
            except ConditionFailedError:
                continue
        raise StoreError(f"counter {pk!r}/{sk!r} kept changing under {_INCREMENT_ATTEMPTS} attempts")


def _condition_failed(error: Exception) -> Exception | None:
    code = error_code(error)
    if code == "ConditionalCheckFailedException":
        return ConditionFailedError(str(error))
    if code == "TransactionCanceledException":
        reasons = [reason.get("Code") for reason in getattr(error, "response", {}).get("CancellationReasons", [])]
        # Older botocore versions do not parse the reasons: fall back on the message.
        if "ConditionalCheckFailed" in reasons or (not reasons and "ConditionalCheckFailed" in str(error)):
            return ConditionFailedError(str(error))
    return None


def _is_live(item: Item, now: int) -> bool:
    expires_at = item.get("expires_at")
    return not isinstance(expires_at, int) or expires_at > now


# -- DynamoDB's typed JSON ------------------------------------------------------------------

def encode_item(item: Item) -> dict:
    check_item(item)
    return {name: encode_value(value) for name, value in item.items()}


def encode_value(value: Any) -> dict:
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):  # before int: bool is an int subclass
        return {"BOOL": value}
    if isinstance(value, int):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, list):
        return {"L": [encode_value(element) for element in value]}
    if isinstance(value, dict):
        return {"M": {name: encode_value(element) for name, element in value.items()}}
    raise TypeError(f"not a record value: {value!r}")  # check_item refuses these first


def decode_item(raw: dict) -> Item:
    return {name: decode_value(value) for name, value in raw.items()}


def decode_value(raw: dict) -> Any:
    (kind, value), = raw.items()
    if kind == "S" or kind == "BOOL":
        return value
    if kind == "NULL":
        return None
    if kind == "N":
        return _number(value)
    if kind == "L":
        return [decode_value(element) for element in value]
    if kind == "M":
        return {name: decode_value(element) for name, element in value.items()}
    # Never written by this adapter; decoded anyway for items written by hand.
    if kind == "SS":
        return sorted(value)
    if kind == "NS":
        return sorted(_number(element) for element in value)
    if kind == "B":
        return bytes(value)
    if kind == "BS":
        return sorted(bytes(element) for element in value)
    raise StoreError(f"unknown DynamoDB type {kind!r}")


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        number = Decimal(text)
        return int(number) if number == number.to_integral_value() else float(number)
