"""Adapters of the ports in ``espace.ports``: embedded ones (SQLite, a folder, an .eml
outbox) beside AWS ones (DynamoDB, S3, SES).

Domain code never imports this package: ``espace.bootstrap`` picks the adapters.
AWS adapters import boto3 only when built, so the embedded profile and cold starts
that do not need AWS never pay for it.
"""
