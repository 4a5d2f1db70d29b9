import sys

from sim.interfaces.cli import main

if __name__ == "__main__":  # guard: chart workers (spawned) import this module too
    sys.exit(main())
