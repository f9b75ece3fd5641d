"""The domain: pure Python, no platform, database or web framework."""
