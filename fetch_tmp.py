import os, sys, re
os.environ.setdefault("DJANGO_SETTINGS_MODULE","config.settings")
import django; django.setup()
from django.test import Client
c=Client()
for u in sys.argv[1:]:
    r=c.get(u, HTTP_HOST="localhost")
    body=r.content.decode()
    m=re.search(r'<html[^>]*>',body)
    h1=re.findall(r'<h1[^>]*>(.*?)</h1>',body,re.S)
    print(u, r.status_code, r.get("X-Help-Cache"), m.group(0) if m else "", h1[:1], len(body))
    if r.status_code>=400 or os.environ.get("SHOW"): print(body[:3000])
