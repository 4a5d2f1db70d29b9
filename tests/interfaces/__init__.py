"""Tests of sim.interfaces."""
