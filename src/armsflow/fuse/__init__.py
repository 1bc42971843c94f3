"""Fusion of claims from many documents: first telling copies and echoes from independent sources (echo.py), so
that corroboration counts sources rather than reprints."""
