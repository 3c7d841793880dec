"""Tests of infra/template.yaml: lint, a deployment in moto, routes and security headers."""
