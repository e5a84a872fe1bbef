"""ECER: energy conservation & emission reduction (节能减排)."""
__version__ = "0.1.0"
