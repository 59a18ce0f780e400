"""Test support for inspection-schema and its plugins.

:mod:`inspection_schema.testing.strategies` holds Hypothesis strategies that build valid
documents, for property tests of codecs, validators and plugins. Hypothesis is a test dependency
(the ``test`` extra), not a runtime one: importing :mod:`inspection_schema` never imports it, and
only the strategies module needs it.
"""
