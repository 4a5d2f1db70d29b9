"""Interfaces: how people call the tool.

    cli.py  `python -m sim <verb>`: validate, run, targets, reach, compare, uncertainty,
            sensitivity, calibrate; one-line input errors with exit status 2
"""
