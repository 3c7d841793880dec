"""The agency counsellors' side (role « conseiller »): agendas, appointments, registration interviews."""
