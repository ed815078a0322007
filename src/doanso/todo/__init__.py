"""Việc cần làm: one list of what each person has to do, gathered from every app by registered providers."""
