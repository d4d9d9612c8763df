"""Tests of the benchmark (pamphleteer/bench/)."""
