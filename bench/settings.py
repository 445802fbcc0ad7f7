"""Benchmark settings: Accord's base settings (DEBUG off, the production middleware stack),
with a URL configuration that adds the plain comparison view of the API benchmark."""

from config.settings.base import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
