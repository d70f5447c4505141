"""One module per source. Fetching opens sockets; parsing takes bytes and never does."""
