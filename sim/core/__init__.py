"""Core: what every layer needs, and nothing about health or the model.

    errors.py    the one error family (SimError, InputError: "file: key: problem; given; allowed")
    yamlio.py    strict YAML reading: no tags, no duplicate keys, line numbers in errors
    schema.py    StrictModel, the base of every input-file schema, and load_yaml_model
    paths.py     project folders, the cache folder and the file names of a region's folder
    progress.py  progress lines with the time elapsed, on stderr
"""
