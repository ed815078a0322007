"""Activities, registration, check-in, outputs, branch meetings (issue 14)."""
