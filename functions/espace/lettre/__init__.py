"""The « Mode d'emploi » newsletter: double opt-in subscription, monthly digest, one-click unsubscribe."""
