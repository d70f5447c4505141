"""OsteoDigest newsletter: select, render, send and archive editions of stored works."""
