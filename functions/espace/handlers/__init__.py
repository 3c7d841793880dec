"""Lambda entry points, one module per service area (see infra/template.yaml)."""
