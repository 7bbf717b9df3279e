"""Attributed claims: who says what in Arabic and English news (see :mod:`.claims`)."""

from marsad.understand.claims.claims import Claim, ClaimsStage, Speaker, find_claims

__all__ = ["Claim", "ClaimsStage", "Speaker", "find_claims"]
