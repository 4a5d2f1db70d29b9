"""Tests of sim.analysis."""
