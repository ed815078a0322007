"""Lessons, courses, quizzes and online contests (issue 15)."""
