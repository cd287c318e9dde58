"""Exporters: graph files, maps and reports written from a territory graph."""
