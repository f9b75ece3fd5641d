"""pairbot: paired learning across professions, in Slack and Microsoft Teams."""

# The one place the version is written: pyproject.toml reads it from here, and
# `pairbot --version` prints it without importlib.metadata's start-up cost.
__version__ = "0.1.0"
