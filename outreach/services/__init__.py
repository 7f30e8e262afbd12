"""Every change of state in outreach is one named function here (STYLE.md §4).

registration.py: register, cancel, the waiting list. attendance.py: marks and walk-ins.
Views, the API, the voice menu and commands all call these.
"""
