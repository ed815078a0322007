"""The ideas bank with its review workflow and moderation (issue 16)."""
