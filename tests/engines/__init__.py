"""Tests of sim.engines."""
