"""Tests of sim.reports."""
