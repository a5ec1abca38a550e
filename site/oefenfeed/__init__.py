"""Oefenfeed's project package: settings, URLs, API and ASGI entry point."""
