"""The analyst's web: a read-only JSON API and a dashboard over the store (``warta serve``)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:  # FastAPI loads only when the web is served, not for every `warta` command
    if name == "create_app":
        from warta.api.app import create_app

        return create_app
    raise AttributeError(name)
