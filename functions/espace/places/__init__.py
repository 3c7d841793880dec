"""French places (communes, départements, régions): the referential every area shares.

``Place`` is what a search, an alert or a CV names; ``Places`` the referential
(espace.places.referential) that reads what a user types (espace.places.resolve).
Nothing here imports a service area.
"""

from espace.places.place import Place, haversine_km
from espace.places.referential import Places, PlacesError
from espace.places.resolve import Resolution, name_key

__all__ = ["Place", "Places", "PlacesError", "Resolution", "haversine_km", "name_key"]
