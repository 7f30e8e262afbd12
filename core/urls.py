from django.urls import path

from core import access_log_views, views

app_name = "core"

urlpatterns = [
    path("me/", views.after_login, name="after-login"),
    path("account/", views.account, name="account"),
    path("desk/access-log/", access_log_views.access_log_page, name="access-log"),
]
