"""Tests of sim.inputs."""
