"""Renderers: pure functions from the model to a Rich renderable or a string."""
