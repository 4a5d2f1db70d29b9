"""Calibration data of the regions (profiles, history, common tables, sources), the figures they
are built from (published_figures, health_figures, history_figures) and their build scripts
(calibration.build)."""
