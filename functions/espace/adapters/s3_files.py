"""The files port on one S3 bucket (FilesBucket in infra/template.yaml: private,
encrypted, versioned).

Versioning protects against overwrites by mistake, but a plain DeleteObject only
hides the data behind a delete marker. When the user deletes a file or their account
the data must really go, so ``delete`` and ``delete_prefix`` remove every version and
every delete marker of the keys concerned.
"""

from __future__ import annotations

from typing import Any

from espace.adapters._aws import error_code, make_client, translated
from espace.adapters._checks import check_file_key, check_file_prefix
from espace.ports import FileMissingError, StoredFile, StoreError

_DELETE_BATCH = 1000  # DeleteObjects takes at most 1,000 keys
# {"Key": …, "VersionId": …}: a DeleteObjects entry. Named here, outside the class, whose
# list() method would shadow the builtin in its annotations.
_Versions = list[dict[str, str]]


class S3FileStore:
    def __init__(self, bucket: str, client: Any = None):
        self.bucket = bucket
        self._client = client if client is not None else make_client("s3")

    def put(self, key: str, data: bytes, content_type: str) -> None:
        check_file_key(key)
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError("file data is bytes")
        if not isinstance(content_type, str) or not content_type or any(ord(c) < 0x20 for c in content_type):
            raise ValueError(f"bad content type {content_type!r}")
        with translated(f"S3 put_object {key!r}"):
            self._client.put_object(Bucket=self.bucket, Key=key, Body=bytes(data), ContentType=content_type)

    def get(self, key: str) -> StoredFile:
        check_file_key(key)

        def missing(error: Exception) -> Exception | None:
            # A key whose latest version is a delete marker answers 404 too.
            return FileMissingError(key) if error_code(error) in {"NoSuchKey", "404", "NotFound"} else None

        with translated(f"S3 get_object {key!r}", missing):
            response = self._client.get_object(Bucket=self.bucket, Key=key)
            data = response["Body"].read()
        return StoredFile(data=data, content_type=response.get("ContentType") or "application/octet-stream")

    def delete(self, key: str) -> None:
        check_file_key(key)
        # List by prefix, keep the exact key: "cv.pdf" must not take "cv.pdf.old" along.
        self._delete_versions([v for v in self._versions(key) if v["Key"] == key])

    def list(self, prefix: str) -> list[str]:
        check_file_prefix(prefix, allow_empty=True)
        keys: list[str] = []
        args = {"Bucket": self.bucket, "Prefix": prefix}
        while True:
            with translated(f"S3 list_objects_v2 {prefix!r}"):
                response = self._client.list_objects_v2(**args)
            keys.extend(entry["Key"] for entry in response.get("Contents", []))
            if not response.get("IsTruncated"):
                return sorted(keys)
            args["ContinuationToken"] = response["NextContinuationToken"]

    def delete_prefix(self, prefix: str) -> int:
        check_file_prefix(prefix, allow_empty=False)
        # Counted as list() sees them, like the local store: keys with a current version.
        count = len(self.list(prefix))
        self._delete_versions(self._versions(prefix))
        return count

    def upload_form(self, key: str, max_bytes: int, redirect: str, expires_in: int = 3600) -> dict[str, Any] | None:
        """A presigned POST: the browser sends the file to S3 itself (Lambda caps a request at 6 MB).
        The policy pins the key, the size range and the redirect; nothing else can be sent with it."""
        check_file_key(key)
        if not redirect.startswith(("https://", "http://")):
            raise ValueError("the redirect after an upload is an absolute URL")
        with translated(f"S3 generate_presigned_post {key!r}"):
            form = self._client.generate_presigned_post(
                Bucket=self.bucket, Key=key, Fields={"success_action_redirect": redirect},
                Conditions=[["content-length-range", 1, max_bytes], {"success_action_redirect": redirect}],
                ExpiresIn=expires_in)
        return {"url": form["url"], "fields": dict(form["fields"])}

    def _versions(self, prefix: str) -> _Versions:
        """Every version and delete marker under ``prefix``, as DeleteObjects entries."""
        found: _Versions = []
        args = {"Bucket": self.bucket, "Prefix": prefix}
        while True:
            with translated(f"S3 list_object_versions {prefix!r}"):
                response = self._client.list_object_versions(**args)
            for entry in response.get("Versions", []) + response.get("DeleteMarkers", []):
                found.append({"Key": entry["Key"], "VersionId": entry["VersionId"]})
            if not response.get("IsTruncated"):
                return found
            args["KeyMarker"] = response["NextKeyMarker"]
            if response.get("NextVersionIdMarker"):
                args["VersionIdMarker"] = response["NextVersionIdMarker"]
            else:
                args.pop("VersionIdMarker", None)

    def _delete_versions(self, versions: _Versions) -> None:
        for start in range(0, len(versions), _DELETE_BATCH):
            batch = versions[start:start + _DELETE_BATCH]
            with translated("S3 delete_objects"):
                response = self._client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
            # DeleteObjects answers 200 even when some deletions failed.
            errors = response.get("Errors", [])
            if errors:
                first = errors[0]
                raise StoreError(f"S3 could not delete {len(errors)} object(s), e.g. "
                                 f"{first.get('Key')!r}: {first.get('Code')} {first.get('Message')}")
