"""French places (communes, départements, régions): the referential every area shares.

``Place`` (here) is what a search, an alert or a CV names; ``referential.Places`` reads
the data files and ``resolve`` what a user types. This module imports only ``place``, so a
handler that merely names places never loads the referential's code. Nothing here imports
a service area.
"""

from espace.places.place import Place, haversine_km

__all__ = ["Place", "haversine_km"]
