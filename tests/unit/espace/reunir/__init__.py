"""Unit tests of espace.reunir."""
