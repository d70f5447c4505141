"""Templates of the subscriber's web pages (a package so the wheel ships them with the other templates)."""
