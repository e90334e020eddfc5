"""Date and number formats Knoten uses instead of Django's for some languages."""
