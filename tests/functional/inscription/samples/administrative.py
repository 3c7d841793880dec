"""The values of a valid step « administrative », as the step's form receives them (field name -> list of values)."""

VALUES: dict[str, list[str]] = {}
