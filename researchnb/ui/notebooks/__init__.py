"""File › New Notebook…, Open Notebook…, Open Recent: more than one notebook in the app."""
