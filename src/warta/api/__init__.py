"""The analyst's web: a read-only JSON API and a dashboard over the store (``warta serve``)."""

from warta.api.app import create_app

__all__ = ["create_app"]
