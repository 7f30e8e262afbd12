from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("me/", views.after_login, name="after-login"),
    path("account/", views.account, name="account"),
]
