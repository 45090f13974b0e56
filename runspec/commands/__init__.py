"""Subcommands of the ``runspec`` CLI, one module each (see :mod:`runspec.cli`)."""
