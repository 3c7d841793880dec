"""Saved searches' alerts: the subscriptions' model and the matching port (new offers -> subscriptions)."""
