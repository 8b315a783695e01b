"""mbc-edu: a teaching kit about metastatic breast cancer.

Load content with ``mbc_edu.load("sites")``; each lesson's dashboard is one call,
for example ``mbc_edu.site_picker()``.
"""
from .cards import topic_browser, treatment_explorer
from .device import DeviceStore
from .diagnosis import test_explorer
from .emergencies import emergencies
from .glossary import glossary_search
from .guide import instructor_guide
from .numbers import numbers
from .practice import practice  # joins every lesson's nursing layer: case, questions, results
from .questions import QuestionList
from .quiz import quiz
from .safety import help_box, help_card
from .sites import site_picker
from .start import start_page
from .symptoms import symptom_explorer
from .tables import data_dir, load, reviewed, table_names, validate
from .validation import DataError, Problem

__all__ = ["DataError", "DeviceStore", "Problem", "QuestionList", "data_dir", "emergencies", "glossary_search", "help_box",
           "help_card", "instructor_guide", "load", "numbers", "practice", "quiz", "reviewed", "site_picker", "start_page", "symptom_explorer",
           "table_names", "test_explorer", "topic_browser", "treatment_explorer", "validate"]
