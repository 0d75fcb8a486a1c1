# Bulgarian dates as Bulgarian texts write them: "1 май 2024 г." (day without a leading zero,
# the month in lower case, "г." after the year). "E" is Django's alternative month name, which the
# project's catalogue gives in lower case (core/formatting.py marks those strings); Django's own
# "F" names are capitalised, as in a calendar heading. Anything not set here falls back to
# Django's Bulgarian formats (input formats, separators).
DATE_FORMAT = r"j E Y \г."
DATETIME_FORMAT = r"j E Y \г., H:i"
YEAR_MONTH_FORMAT = r"E Y \г."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = r"d.m.Y \г."
# No "г." here: Wagtail turns this format into an Excel number format for XLSX exports.
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
