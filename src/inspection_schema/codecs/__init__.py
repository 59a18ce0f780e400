"""Codecs: each format's reader and writer, derived from the model's one description."""
