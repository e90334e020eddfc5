"""The pages of keeping in touch, one module per area (``urls.py`` names them)."""
