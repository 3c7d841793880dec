"""Espace candidat: the Lambda code and the helpers shared with the static site build."""
