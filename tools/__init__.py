"""Development tools shared by the tests, benchmarks and docs scripts."""
