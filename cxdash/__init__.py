"""cxdash: an offline workbench for the closed loop of customer-experience management."""

__version__ = "0.1.0"
