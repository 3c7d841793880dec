"""Agencies (data: data/agences/agences.json) and their agendas of appointment slots."""
