"""How things are shown: Rich views for terminals, JSON for scripts. Never what to show."""
