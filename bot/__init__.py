"""pairbot: paired learning across professions, in Slack and Microsoft Teams."""
