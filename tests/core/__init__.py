"""Tests of sim.core."""
