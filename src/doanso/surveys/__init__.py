"""Surveys of youth opinion (issue 16)."""
