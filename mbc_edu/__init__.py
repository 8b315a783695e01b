"""mbc-edu: a teaching kit about metastatic breast cancer.

Load content with ``mbc_edu.load("sites")``; each lesson's dashboard is one call,
for example ``mbc_edu.site_picker()``.
"""
from .tables import data_dir, load, reviewed, table_names, validate
from .validation import DataError, Problem

__all__ = ["DataError", "Problem", "data_dir", "load", "reviewed", "table_names", "validate"]
