"""The command layer: what each command does, one module per group of commands (see base)."""
