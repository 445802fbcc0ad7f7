#!/usr/bin/env python
"""Same as the `accord` console script, for those who expect manage.py."""

from accord.cli import main

if __name__ == "__main__":
    main()
