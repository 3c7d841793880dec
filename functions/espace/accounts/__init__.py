"""Candidate accounts: the seed's "codes d'accès" and the personal space."""
