"""Joining a DDE and a DRE (issue 13, §6), on both profiles."""
