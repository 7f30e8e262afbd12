"""Staff course pages: learner.py (catalogue, course, my learning, self-study and quiz),
instructor.py (sessions and the attendance roster), calendars.py (.ics and feeds)."""
