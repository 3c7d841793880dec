"""The HTTP layer shared by every handler: app factory, requests, sessions, pages."""
