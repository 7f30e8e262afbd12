from django.conf import settings


def site(request) -> dict:
    """What every page shows: the city's name and the phone desk for people without the web."""
    return {
        "CITY_NAME": settings.CITY_NAME,
        "DESK_PHONE_NUMBER": settings.DESK_PHONE_NUMBER,
        "DESK_PHONE_TEL": "".join(
            ch for ch in settings.DESK_PHONE_NUMBER if ch.isdigit() or ch == "+"
        ),
        "DESK_OPENING_HOURS": settings.DESK_OPENING_HOURS,
        # The open-data files linked from every page's footer carry this licence.
        "OPEN_DATA_LICENSE": settings.OPEN_DATA_LICENSE,
        "OPEN_DATA_LICENSE_URL": settings.OPEN_DATA_LICENSE_URL,
    }
