"""The home page and each role's start page."""
