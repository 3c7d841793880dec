"""Joining a DDE and a DRE held in two spaces (issue 13, §6)."""
