"""Watches: saved questions over the claims that arrive in the store ("any UAV claim for Serbia", "any new supplier
in the Western Balkans"), run again and again, each run reporting only what came in since the one before.

``armsflow.watch.match`` decides what matches (pure functions over plain claims); ``armsflow.store.watches`` keeps
the watches and their high-water marks in the store; ``armsflow.engine.watches.run_watches`` runs them.
"""
from armsflow.watch.match import (KINDS, Criteria, Entrant, WatchedClaim, claim_matches, match_claims,
                                  new_entrants)

__all__ = ["KINDS", "Criteria", "Entrant", "WatchedClaim", "claim_matches", "match_claims", "new_entrants"]
