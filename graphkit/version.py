"""The version of graphkit, in one place for the package, the loaders and the outputs.

Examples
--------
>>> __version__.count(".") >= 2
True

"""

__all__ = ["__version__"]

__version__ = "0.1.0"
