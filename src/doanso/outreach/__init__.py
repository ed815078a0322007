"""Channels, the good-news calendar and the media bank (issue 16)."""
