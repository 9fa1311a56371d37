"""The checks of the built-in rules, one module a topic."""
