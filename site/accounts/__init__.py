"""Accounts, schools and classes: who is who, and pupil login without e-mail or password."""
