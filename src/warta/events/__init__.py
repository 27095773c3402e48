"""PLOVER event coding: cue lexicon (data/lexicon.yaml), role grammar (data/grammar.yaml), the rule coder
(coder.py), candidates (candidates.py) and the trained scorer (scorer.py) chained by the step (step.py)."""

from warta.events.coder import RuleCoder, dedupe, find_cues
from warta.events.lexicon import Cue, get_lexicon
from warta.events.step import EventsStep

__all__ = ["Cue", "EventsStep", "RuleCoder", "dedupe", "find_cues", "get_lexicon"]
