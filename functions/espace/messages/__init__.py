"""« Mes messages »: every mail the site sends to a candidate's account, kept in their space."""
