"""The monthly actualisation of the dossier (issue 13, §2): the calendar of the windows, the
declaration and its corrections, the receipts, the reminders and the missed windows."""
