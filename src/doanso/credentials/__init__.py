"""Verifiable e-certificates: Open Badges 3.0 / VC 2.0 (issue 15)."""
