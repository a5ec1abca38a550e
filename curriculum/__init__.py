"""Curriculum pages: learning goals per grade band, mapped to the Dutch frames and the protocol."""
