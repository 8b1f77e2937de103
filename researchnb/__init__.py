"""researchnb: a desktop research notebook for historians working in archives."""

__version__ = "0.3.0"
