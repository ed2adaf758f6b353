"""The local console and the in-process loopback Discord it (and the tests) run the real bot on."""
