"""pairbot: paired learning across professions, in Slack and Microsoft Teams."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pairbot")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0.0.0+unknown"
