"""The offers area's command-line tools, apart from what the Lambda functions run:
``importer`` (France Travail v2 JSON into the index, `make import`), ``demo`` (`make run`'s
generated offers) and ``generator`` (seeded, realistic offers for demos, tests and benchmarks)."""
