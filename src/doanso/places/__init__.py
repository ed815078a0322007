"""Red addresses (historic sites), QR plaques and the maps (issue 14)."""
