"""Actors: recognise and link states, leaders (by tenure), ministries, IGOs and groups.

    from warta.actors import ActorsStep, lookup_name, leader_for, get_gazetteer
"""

from .gazetteer import Gazetteer, build_gazetteer, get_gazetteer, leader_for, lookup_name
from .step import ActorsStep

__all__ = ["ActorsStep", "Gazetteer", "build_gazetteer", "get_gazetteer", "leader_for", "lookup_name"]
