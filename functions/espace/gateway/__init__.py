"""The local gateway of `make run`: the Pelican output plus the Lambda handlers on one port.

It stands in for CloudFront + API Gateway (HTTP API, payload format 2.0) on a developer's
machine. Its routes are read from infra/template.yaml so that local and deployed routing
cannot drift. It is never deployed: waitress and PyYAML are imported only in this package.
"""
