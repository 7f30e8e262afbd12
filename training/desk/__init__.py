"""The coordinators' side of staff courses (/training/desk/): planning, requirements, progress."""
