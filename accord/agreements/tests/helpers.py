"""What the agreements tests share besides fixtures (the engagement tests' helpers)."""

from accord.engagement.tests.helpers import BASE, errors_of, history_of, patch, post

__all__ = ["BASE", "errors_of", "history_of", "patch", "post"]
