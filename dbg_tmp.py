import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE","config.settings")
import django; django.setup()
from cms.models import search_articles
from wagtail.models import Locale
for code in ("ja","ja-x-easy","en"):
    loc=Locale.objects.get(language_code=code)
    for q in ["サギ","詐欺","さぎ","マイナンバー","マイナンバーカード","申請","LINE","写真 送る","scam","photo"]:
        print(code, q, [p.slug for p in search_articles(q, locale=loc)])
