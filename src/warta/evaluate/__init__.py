"""Held-out measurement: folds over the training articles, cross-validation, scoring with score.py."""
