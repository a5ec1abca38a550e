"""Lesson modules in Wagtail around the protocol's four Leren goals, run on the smartboard."""
