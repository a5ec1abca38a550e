"""Settings per environment: base (production-safe), dev, test and production."""
