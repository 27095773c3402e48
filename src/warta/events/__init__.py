"""PLOVER event coding: cue lexicon (data/lexicon.yaml), role grammar (data/grammar.yaml), coder."""

from warta.events.coder import EventsStep, dedupe, find_cues
from warta.events.lexicon import Cue, get_lexicon

__all__ = ["Cue", "EventsStep", "dedupe", "find_cues", "get_lexicon"]
