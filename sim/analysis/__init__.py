"""Analysis: questions asked of runs; numbers and records, never drawing or formatting.

    targets.py      the plans' target catalog of a region (calibration/<region>/targets.yaml)
    verdicts.py     reached by the deadline? first reached when? by how much?
    reach.py        the smallest lever setting (or cheapest combination) that reaches a target
    uncertainty.py  Monte Carlo: the probability of reaching each target
    sensitivity/    Sobol and Morris indices of every assumption on each target (SALib)
    calibration/    fitting the population sector to history: windows, estimator, statistics

The target catalog is read here, not in inputs, because it names the model's outputs.
"""
