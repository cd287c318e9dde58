"""``python -m ecosystem`` runs the CLI."""

from .cli import main

main()
