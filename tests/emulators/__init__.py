"""Local servers that replay real recorded service replies over real sockets (tests and manual checks)."""
